using System.Text.Json;

namespace Lpr.Training.Optimization;

/// <summary>The JSON side of a detector checkpoint: where the run is and what it has seen so far.</summary>
public sealed record DetectorTrainingState
{
    public long Step { get; init; }

    /// <summary>Best hold-out average precision at IoU 0.5 so far (−1 before the first validation).</summary>
    public double BestAveragePrecision { get; init; } = -1;

    public long BestStep { get; init; } = -1;

    public List<DetectorLossPoint> LossHistory { get; init; } = [];

    public List<DetectorValidationPoint> ValidationHistory { get; init; } = [];

    public string Options { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DetectorTrainingState FromJson(string json) =>
        JsonSerializer.Deserialize<DetectorTrainingState>(json, Json) ?? throw new InvalidDataException("Empty training state.");
}

/// <summary>Mean training losses over a window of steps ending at <paramref name="Step"/>.</summary>
public sealed record DetectorLossPoint(long Step, double Loss, double HeatmapLoss, double CornerLoss);

/// <summary>Hold-out quality after a step: AP, recall and precision at IoU 0.5 (frame pixels) and the mean loss.</summary>
public sealed record DetectorValidationPoint(long Step, double AveragePrecision, double Recall, double Precision, double Loss);
