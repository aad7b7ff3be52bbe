namespace Lpr.Training.Optimization;

/// <summary>A progress report after a detector training step.</summary>
public sealed record DetectorProgress(
    long Step,
    long TotalSteps,
    double Loss,
    double HeatmapLoss,
    double CornerLoss,
    double LearningRate,
    double MillisecondsPerStep,
    TimeSpan EstimatedRemaining,
    DetectorValidationPoint? Validation,
    double BestAveragePrecision);
