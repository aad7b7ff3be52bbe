using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Cli.Commands;

/// <summary>A recognizer checkpoint and the options of the run that wrote it (its <c>options.json</c>).</summary>
internal sealed record RecognizerCheckpoint(string WeightsPath, TrainingOptions Options)
{
    /// <summary>Reads the run options beside <paramref name="weights"/>; null after writing why to stderr.</summary>
    public static RecognizerCheckpoint? Open(FileInfo weights, string verb)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.Exists)
        {
            Console.Error.WriteLine($"{verb}: checkpoint '{weights.FullName}' does not exist.");
            return null;
        }

        var optionsPath = Path.Combine(weights.DirectoryName!, "options.json");
        if (!File.Exists(optionsPath))
        {
            Console.Error.WriteLine($"{verb}: '{optionsPath}' is missing; it records the architecture the checkpoint was trained with.");
            return null;
        }

        return new RecognizerCheckpoint(weights.FullName, TrainingOptions.ReadRunRecord(optionsPath));
    }

    public RecognizerArchitecture Architecture => Options.ResolveArchitecture();

    public PlateRecognizerNet LoadModel() => CheckpointStore.LoadModel(WeightsPath, Architecture);
}
