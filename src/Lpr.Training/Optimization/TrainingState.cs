using System.Text.Json;

namespace Lpr.Training.Optimization;

/// <summary>The JSON side of a checkpoint: where the run is and what it has seen so far.</summary>
public sealed record TrainingState
{
    public long Step { get; init; }

    public double BestExactMatch { get; init; } = -1;

    public long BestStep { get; init; } = -1;

    public List<LossPoint> LossHistory { get; init; } = [];

    public List<ValidationPoint> ValidationHistory { get; init; } = [];

    public string Options { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainingState FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingState>(json, Json) ?? throw new InvalidDataException("Empty training state.");
}

/// <summary>Mean training loss over a window of steps ending at <paramref name="Step"/>.</summary>
public sealed record LossPoint(long Step, double Loss, double CtcLoss, double MaskLoss);

public sealed record ValidationPoint(long Step, double ExactMatch, double CtcLoss);
