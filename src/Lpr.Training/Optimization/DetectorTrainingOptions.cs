using Lpr.Training.Model;

namespace Lpr.Training.Optimization;

/// <summary>
/// Everything that decides a detector training run (<c>lpr-train train-detector --config</c>),
/// bound from JSON like <see cref="TrainingOptions"/>: property names as written here (camelCase
/// accepted), unknown keys rejected, validated before the first step. Defaults are the shipped run
/// (scripts/train-detector-config.json).
/// </summary>
public sealed record DetectorTrainingOptions : IRunOptions
{
    /// <summary>"default" (the shipped shape) or "tiny" (smoke tests).</summary>
    public string Architecture { get; init; } = "default";

    /// <summary>Synth config file (JSON of Lpr.Synth) for the scenes, relative to the run config; null = <c>DetectorScenes</c>' settings.</summary>
    public string? SynthConfig { get; init; }

    public int Steps { get; init; } = 7_000;

    public int BatchSize { get; init; } = 32;

    public double MaxLearningRate { get; init; } = 4e-3;

    public double WarmupFraction { get; init; } = 0.05;

    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Weight of the heatmap focal loss.</summary>
    public double HeatmapWeight { get; init; } = 1.0;

    /// <summary>Weight of the scale-relative corner L1 loss.</summary>
    public double CornerWeight { get; init; } = 1.0;

    /// <summary>CenterNet's focal exponent α on the predicted probability.</summary>
    public double FocalAlpha { get; init; } = 2.0;

    /// <summary>CenterNet's penalty reduction β on the Gaussian target near centres.</summary>
    public double FocalBeta { get; init; } = 4.0;

    /// <summary>
    /// Plate-centre probability at which the hold-out's recall and precision are measured (and the exported descriptor's
    /// threshold). 0.2: with the locator's second look at small plates, the shipped detector's operating point where
    /// recall and precision both reach 99 % on 800 scene frames (0.3 gave recall 0.98).
    /// </summary>
    public double ScoreThreshold { get; init; } = 0.2;

    public int ValidateEvery { get; init; } = 500;

    public int ValidationSamples { get; init; } = 400;

    public double CheckpointMinutes { get; init; } = 5;

    public int Seed { get; init; } = 1;

    public int ValidationSeed { get; init; } = 20_241_201;

    /// <summary>
    /// Intra-op threads for libtorch; 0 = number of cores. The shipped run uses 1 on 2 cores: the scene
    /// renderer needs the other (measured 321 ms/step against 518 with 2 threads).
    /// </summary>
    public int Threads { get; init; } = 1;

    public string? InitialWeights { get; init; }

    public DetectorArchitecture ResolveArchitecture() => Architecture switch
    {
        "default" => DetectorArchitecture.Default,
        "tiny" => DetectorArchitecture.Tiny,
        _ => throw new TrainingOptionException($"Unknown architecture '{Architecture}' (expected 'default' or 'tiny').", nameof(Architecture)),
    };

    /// <summary>Throws a <see cref="TrainingOptionException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        _ = ResolveArchitecture();
        RunOptionRules.ValidateOptimizer(this);
        RunOptionRules.Require(HeatmapWeight > 0, nameof(HeatmapWeight), "must be positive");
        RunOptionRules.Require(CornerWeight >= 0, nameof(CornerWeight), "must not be negative");
        RunOptionRules.Require(FocalAlpha >= 0, nameof(FocalAlpha), "must not be negative");
        RunOptionRules.Require(FocalBeta >= 0, nameof(FocalBeta), "must not be negative");
        RunOptionRules.Require(ScoreThreshold is > 0 and < 1, nameof(ScoreThreshold), "must be in (0, 1)");
        RunOptionRules.ValidateSchedule(this);
        RunOptionRules.ValidateInitialWeights(this);
    }

    /// <summary>Reads a config file; unknown keys are an error naming the key.</summary>
    public static DetectorTrainingOptions Load(string path)
    {
        var options = ReadRunRecord(path);
        options.Validate();
        return options;
    }

    /// <summary>The options as a run directory records them (<c>options.json</c>): paths relative to <paramref name="runDirectory"/>.</summary>
    public string ToRunRecord(string runDirectory) =>
        RunOptionsJson.ToJson(WithPaths(path => RunOptionRules.RelativeToDirectory(path, runDirectory)));

    /// <summary>
    /// Reads a run's <c>options.json</c> (or a config file), its relative paths resolved against the file's folder. Not
    /// validated: a record describes a run that happened (its initial weights may be gone); export needs only its
    /// architecture and data.
    /// </summary>
    public static DetectorTrainingOptions ReadRunRecord(string path) =>
        RunOptionsJson.Load<DetectorTrainingOptions>(path).WithPaths(relative => RunOptionRules.RelativeToConfig(relative, path));

    private DetectorTrainingOptions WithPaths(Func<string?, string?> map) => this with
    {
        InitialWeights = map(InitialWeights),
        SynthConfig = map(SynthConfig),
    };
}
