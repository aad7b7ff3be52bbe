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
}
