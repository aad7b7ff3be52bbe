using Lpr.Training.Data;

namespace Lpr.Training.Optimization;

/// <summary>
/// Validation of the <see cref="IRunOptions"/> settings, shared by every options record so a bad
/// value is reported the same way (naming its key) whichever model is trained.
/// </summary>
internal static class RunOptionRules
{
    /// <summary>Steps, batch size, learning rate, warm-up and weight decay.</summary>
    public static void ValidateOptimizer(IRunOptions options)
    {
        Require(options.Steps > 0, nameof(options.Steps), "must be positive");
        Require(options.BatchSize > 0, nameof(options.BatchSize), "must be positive");
        Require(options.MaxLearningRate > 0 && options.MaxLearningRate < 1, nameof(options.MaxLearningRate), "must be in (0, 1)");
        Require(options.WarmupFraction >= 0 && options.WarmupFraction < 1, nameof(options.WarmupFraction), "must be in [0, 1)");
        Require(options.WeightDecay >= 0, nameof(options.WeightDecay), "must not be negative");
    }

    /// <summary>Validation cadence, hold-out size, checkpoint interval, threads and seeds.</summary>
    public static void ValidateSchedule(IRunOptions options)
    {
        Require(options.ValidateEvery > 0, nameof(options.ValidateEvery), "must be positive");
        Require(options.ValidationSamples > 0, nameof(options.ValidationSamples), "must be positive");
        Require(options.CheckpointMinutes > 0, nameof(options.CheckpointMinutes), "must be positive");
        Require(options.Threads >= 0, nameof(options.Threads), "must not be negative");
        Require(options.Seed != options.ValidationSeed, nameof(options.ValidationSeed), "must differ from Seed so the hold-out is never trained on");
    }

    public static void ValidateInitialWeights(IRunOptions options) =>
        Require(options.InitialWeights is null || File.Exists(options.InitialWeights), nameof(options.InitialWeights), $"names no file ('{options.InitialWeights}')");

    /// <summary>
    /// A path a config file names, resolved like the other paths a config names: relative to the config file, not to
    /// wherever the trainer was started. Null and rooted paths are returned as they are.
    /// </summary>
    public static string? RelativeToConfig(string? path, string configPath) =>
        path is { Length: > 0 } && !Path.IsPathRooted(path)
            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, path))
            : path;

    /// <summary>
    /// A path as a run directory's <c>options.json</c> records it: relative to that directory, so a checkpoint committed
    /// with its run still finds its generator config in a clone at another place. Null stays null.
    /// </summary>
    public static string? RelativeToDirectory(string? path, string directory) =>
        path is { Length: > 0 } ? Path.GetRelativePath(Path.GetFullPath(directory), Path.GetFullPath(path)) : path;

    /// <summary>Throws when the training source's images are not the model's input size.</summary>
    public static void RequireImageSize<TSample>(ISampleSource<TSample> source, int height, int width, string parameter)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ImageHeight != height || source.ImageWidth != width)
        {
            throw new ArgumentException(
                $"Training source makes {source.ImageHeight}x{source.ImageWidth} images, the model takes {height}x{width}.",
                parameter);
        }
    }

    public static void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            throw new TrainingOptionException($"Training option '{key}' {message}.", key);
        }
    }
}
