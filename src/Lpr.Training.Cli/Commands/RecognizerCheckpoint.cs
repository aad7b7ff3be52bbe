using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Cli.Commands;

/// <summary>A recognizer checkpoint and the options of the run that wrote it (its <c>options.json</c>).</summary>
internal sealed record RecognizerCheckpoint(string WeightsPath, TrainingOptions Options)
{
    /// <summary>Reads the run options beside <paramref name="weights"/>; null after writing why to stderr.</summary>
    public static RecognizerCheckpoint? Open(FileInfo weights, string verb) =>
        RunRecordBeside.Find(weights, verb) is { } optionsPath
            ? new RecognizerCheckpoint(weights.FullName, TrainingOptions.ReadRunRecord(optionsPath))
            : null;

    public RecognizerArchitecture Architecture => Options.ResolveArchitecture();

    public PlateRecognizerNet LoadModel() => CheckpointStore.LoadModel(WeightsPath, Architecture);
}
