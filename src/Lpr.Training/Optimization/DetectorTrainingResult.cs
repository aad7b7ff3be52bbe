namespace Lpr.Training.Optimization;

/// <summary>How a call to <see cref="DetectorTrainer.Run"/> ended.</summary>
public sealed record DetectorTrainingResult(DetectorTrainingState State, bool Completed, string BestWeightsPath, TimeSpan Elapsed, double MillisecondsPerStep);
