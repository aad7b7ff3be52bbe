using System.Text.Json;
using System.Text.Json.Serialization;
using Lpr.Training.Model;

namespace Lpr.Training.Optimization;

/// <summary>
/// Everything that decides a training run, bound from a JSON config file (property names as
/// written here, camelCase accepted). Validated before the first step; defaults are the shipped run.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>"default" (the shipped shape) or "tiny" (smoke tests).</summary>
    public string Architecture { get; init; } = "default";

    /// <summary>"synth" (the plate renderer) or "glyphs" (dependency-free test patterns).</summary>
    public string Data { get; init; } = "synth";

    /// <summary>Synth config file (JSON of Lpr.Synth) for "synth" data; null = the generator's defaults.</summary>
    public string? SynthConfig { get; init; }

    public int Steps { get; init; } = 22_000;

    public int BatchSize { get; init; } = 128;

    public double MaxLearningRate { get; init; } = 4e-3;

    /// <summary>Fraction of the steps spent warming up linearly before the cosine decay.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    public double WeightDecay { get; init; } = 1e-4;

    public double CtcWeight { get; init; } = 1.5;

    public double MaskWeight { get; init; } = 0.5;

    public double FocalAlpha { get; init; } = 0.8;

    public double FocalGamma { get; init; } = 3.0;

    /// <summary>Validate on the hold-out every this many steps (an "epoch" of the stream).</summary>
    public int ValidateEvery { get; init; } = 1_000;

    public int ValidationSamples { get; init; } = 2_000;

    /// <summary>Write the resumable checkpoint at least this often (wall clock), and at every validation.</summary>
    public double CheckpointMinutes { get; init; } = 5;

    public int Seed { get; init; } = 1;

    /// <summary>Seed of the fixed synthetic hold-out set (never used for training batches).</summary>
    public int ValidationSeed { get; init; } = 20_240_601;

    /// <summary>Intra-op threads for libtorch; 0 = number of cores.</summary>
    public int Threads { get; init; }

    public RecognizerArchitecture ResolveArchitecture() => Architecture switch
    {
        "default" => RecognizerArchitecture.Default,
        "tiny" => RecognizerArchitecture.Tiny,
        _ => throw new ArgumentException($"Unknown architecture '{Architecture}' (expected 'default' or 'tiny').", nameof(Architecture)),
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        _ = ResolveArchitecture();
        Require(Data is "synth" or "glyphs", nameof(Data), $"must be 'synth' or 'glyphs', not '{Data}'");
        Require(Steps > 0, nameof(Steps), "must be positive");
        Require(BatchSize > 0, nameof(BatchSize), "must be positive");
        Require(MaxLearningRate > 0 && MaxLearningRate < 1, nameof(MaxLearningRate), "must be in (0, 1)");
        Require(WarmupFraction >= 0 && WarmupFraction < 1, nameof(WarmupFraction), "must be in [0, 1)");
        Require(WeightDecay >= 0, nameof(WeightDecay), "must not be negative");
        Require(CtcWeight > 0, nameof(CtcWeight), "must be positive");
        Require(MaskWeight >= 0, nameof(MaskWeight), "must not be negative");
        Require(FocalAlpha > 0, nameof(FocalAlpha), "must be positive");
        Require(FocalGamma >= 0, nameof(FocalGamma), "must not be negative");
        Require(ValidateEvery > 0, nameof(ValidateEvery), "must be positive");
        Require(ValidationSamples > 0, nameof(ValidationSamples), "must be positive");
        Require(CheckpointMinutes > 0, nameof(CheckpointMinutes), "must be positive");
        Require(Threads >= 0, nameof(Threads), "must not be negative");
        Require(Seed != ValidationSeed, nameof(ValidationSeed), "must differ from Seed so the hold-out is never trained on");
    }

    private static void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Training option '{key}' {message}.", key);
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a config file; unknown keys are an error naming the key.</summary>
    public static TrainingOptions Load(string path)
    {
        try
        {
            var options = JsonSerializer.Deserialize<TrainingOptions>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"Config '{path}' is empty.");
            options.Validate();
            return options;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Config '{path}': {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainingOptions FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingOptions>(json, Json) ?? throw new InvalidDataException("Empty options JSON.");
}
