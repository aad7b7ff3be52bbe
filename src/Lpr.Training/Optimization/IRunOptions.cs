namespace Lpr.Training.Optimization;

/// <summary>
/// The settings every training run has, whatever it trains: what <see cref="TrainingLoop{TSample}"/>,
/// the checkpoint cadence and the seeds read. Each trainer's options record adds its model's own.
/// </summary>
public interface IRunOptions
{
    int Steps { get; }

    int BatchSize { get; }

    double MaxLearningRate { get; }

    /// <summary>Fraction of the steps spent warming up linearly before the cosine decay.</summary>
    double WarmupFraction { get; }

    double WeightDecay { get; }

    /// <summary>Validate on the hold-out every this many steps.</summary>
    int ValidateEvery { get; }

    int ValidationSamples { get; }

    /// <summary>Write the resumable checkpoint at least this often (wall clock), and at every validation.</summary>
    double CheckpointMinutes { get; }

    int Seed { get; }

    /// <summary>Seed of the fixed synthetic hold-out set (never used for training batches).</summary>
    int ValidationSeed { get; }

    /// <summary>Intra-op threads for libtorch; 0 = number of cores.</summary>
    int Threads { get; }

    /// <summary>
    /// Weights (a <c>best.weights</c> of an earlier run of the same architecture) a fresh run starts from instead of
    /// random ones: fine-tuning on changed data with a short schedule. Ignored when resuming (the checkpoint wins).
    /// In a config file a relative path is relative to that file.
    /// </summary>
    string? InitialWeights { get; }

    /// <summary>The generator's config file (crops or scenes) the run renders its samples with; null = its defaults.</summary>
    string? SynthConfig { get; }
}
