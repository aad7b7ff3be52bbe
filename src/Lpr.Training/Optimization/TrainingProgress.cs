namespace Lpr.Training.Optimization;

/// <summary>A progress report after a training step or a validation.</summary>
public sealed record TrainingProgress(
    long Step,
    long TotalSteps,
    double Loss,
    double CtcLoss,
    double MaskLoss,
    double LearningRate,
    double MillisecondsPerStep,
    TimeSpan EstimatedRemaining,
    double? ExactMatch,
    double BestExactMatch);
