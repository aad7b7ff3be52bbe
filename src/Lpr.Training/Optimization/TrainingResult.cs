namespace Lpr.Training.Optimization;

/// <summary>How a call to <see cref="RecognizerTrainer.Run"/> ended.</summary>
public sealed record TrainingResult(TrainingState State, bool Completed, string BestWeightsPath, TimeSpan Elapsed, double MillisecondsPerStep);
