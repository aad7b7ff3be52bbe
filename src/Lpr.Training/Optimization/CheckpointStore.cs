using Lpr.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>
/// The files of a run directory: <c>last.weights</c> + <c>last.optimizer</c> + <c>state.json</c>
/// (enough to resume exactly), <c>best.weights</c> (highest hold-out exact match, what export
/// reads) and <c>options.json</c>. Each file is written beside its target and renamed into place,
/// so a run killed while saving still has its previous complete checkpoint.
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

    public void SaveLast(PlateRecognizerNet model, OptimizerHelper optimizer, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(LastWeights, path => model.save(path));
        WriteAtomically(LastOptimizer, optimizer.save_state_dict);
        WriteAtomically(StatePath, path => File.WriteAllText(path, state.ToJson()));
    }

    public void SaveBest(PlateRecognizerNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(BestWeights, path => model.save(path));
    }

    public TrainingState LoadLast(PlateRecognizerNet model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!HasResumableCheckpoint)
        {
            throw new FileNotFoundException($"No resumable checkpoint in '{Directory}' (need state.json, last.weights, last.optimizer).");
        }

        model.load(LastWeights);
        optimizer.load_state_dict(LastOptimizer);
        return TrainingState.FromJson(File.ReadAllText(StatePath));
    }

    /// <summary>Loads weights written by <see cref="SaveBest"/> or <see cref="SaveLast"/> into a model of the run's architecture.</summary>
    public static PlateRecognizerNet LoadModel(string weightsPath, RecognizerArchitecture architecture)
    {
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"Checkpoint '{weightsPath}' does not exist.", weightsPath);
        }

        var model = new PlateRecognizerNet(architecture);
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
