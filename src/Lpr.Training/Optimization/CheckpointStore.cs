using Lpr.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>
/// The files of a run directory: <c>last.weights</c> + <c>last.optimizer</c> + <c>state.json</c>
/// (enough to resume exactly), <c>best.weights</c> (best hold-out score, what export reads) and
/// <c>options.json</c>. Each file is written beside its target and renamed into place, so a run
/// killed while saving still has its previous complete checkpoint. Model-agnostic: the state is
/// whatever JSON the trainer keeps.
/// </summary>
public sealed class CheckpointStore(string directory)
{
    public string Directory { get; } = directory;

    public string LastWeights => Path.Combine(Directory, "last.weights");

    public string LastOptimizer => Path.Combine(Directory, "last.optimizer");

    public string StatePath => Path.Combine(Directory, "state.json");

    public string BestWeights => Path.Combine(Directory, "best.weights");

    public string OptionsPath => Path.Combine(Directory, "options.json");

    public bool HasResumableCheckpoint => File.Exists(StatePath) && File.Exists(LastWeights) && File.Exists(LastOptimizer);

    /// <summary>
    /// Loads <paramref name="initialWeights"/> into the model of a fresh run (not when <paramref name="resume"/> finds a
    /// checkpoint, which wins) and returns the path loaded, or null. Call it before an optimizer takes the parameters.
    /// <paramref name="load"/> replaces the plain load (a run that widens narrower weights into its model).
    /// </summary>
    public string? LoadInitialWeights(nn.Module model, string? initialWeights, bool resume, Action<string>? load = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (initialWeights is null || (resume && HasResumableCheckpoint))
        {
            return null;
        }

        if (load is null)
        {
            model.load(initialWeights);
        }
        else
        {
            load(initialWeights);
        }

        return initialWeights;
    }

    /// <summary>
    /// Starts a run: with <paramref name="resume"/> and a checkpoint, loads it into the model and the
    /// optimizer and returns the saved state JSON; otherwise creates the directory, writes
    /// <c>options.json</c> and returns null (a fresh run).
    /// </summary>
    public string? Begin(bool resume, nn.Module model, OptimizerHelper optimizer, string optionsJson)
    {
        if (resume && HasResumableCheckpoint)
        {
            return LoadLast(model, optimizer);
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(OptionsPath, optionsJson);
        return null;
    }

    public void SaveLast(nn.Module model, OptimizerHelper optimizer, string stateJson)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stateJson);
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(LastWeights, path => model.save(path));
        WriteAtomically(LastOptimizer, optimizer.save_state_dict);
        WriteAtomically(StatePath, path => File.WriteAllText(path, stateJson));
    }

    public void SaveBest(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(BestWeights, path => model.save(path));
    }

    /// <summary>Loads the last checkpoint into the model and optimizer; returns the saved state JSON.</summary>
    public string LoadLast(nn.Module model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!HasResumableCheckpoint)
        {
            throw new FileNotFoundException($"No resumable checkpoint in '{Directory}' (need state.json, last.weights, last.optimizer).");
        }

        model.load(LastWeights);
        optimizer.load_state_dict(LastOptimizer);
        return File.ReadAllText(StatePath);
    }

    /// <summary>Loads weights written by <see cref="SaveBest"/> or <see cref="SaveLast"/> into a model of the run's architecture.</summary>
    public static PlateRecognizerNet LoadModel(string weightsPath, RecognizerArchitecture architecture) =>
        LoadModel(weightsPath, () => new PlateRecognizerNet(architecture));

    /// <summary>Loads weights into the model <paramref name="create"/> makes, in evaluation mode.</summary>
    public static T LoadModel<T>(string weightsPath, Func<T> create)
        where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"Checkpoint '{weightsPath}' does not exist.", weightsPath);
        }

        var model = create();
        model.load(weightsPath);
        model.eval();
        return model;
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
