using Lpr.Training.Model;

namespace Lpr.Training.Optimization;

/// <summary>
/// Everything that decides a recognizer training run, bound from a JSON config file (property names
/// as written here, camelCase accepted). Validated before the first step; defaults are the shipped recipe's base run.
/// </summary>
public sealed record TrainingOptions : IRunOptions
{
    /// <summary>
    /// "default" (the original shape), "positional" (the same with a learned position bias on the attention), "wide"
    /// (twice the late expanded channels, 96 feature channels; the shipped model's) or "tiny" (smoke tests).
    /// </summary>
    public string Architecture { get; init; } = "default";

    /// <summary>"synth" (the plate renderer) or "glyphs" (dependency-free test patterns).</summary>
    public string Data { get; init; } = "synth";

    /// <summary>Synth config file (JSON of Lpr.Synth) for "synth" data, relative to the run config; null = the generator's defaults.</summary>
    public string? SynthConfig { get; init; }

    /// <summary>
    /// Synth config of the hold-out, relative to the run config; null = <see cref="SynthConfig"/>. A run that trains on a
    /// reweighted generator keeps the default hold-out with it, so its numbers and its best checkpoint compare with other runs'.
    /// </summary>
    public string? ValidationSynthConfig { get; init; }

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

    public string? InitialWeights { get; init; }

    /// <summary>
    /// The architecture of <see cref="InitialWeights"/> when it is narrower than <see cref="Architecture"/>: the run
    /// loads them into that shape and widens it, function unchanged (<see cref="RecognizerWidening"/>). Null = the same.
    /// </summary>
    public string? InitialArchitecture { get; init; }

    /// <summary>
    /// Quantization-aware fine-tuning: train (and validate) the int8 model the export will write, simulated
    /// with straight-through rounding (BatchNorm frozen and folded, activation ranges calibrated as the export
    /// calibrates them and again before each validation). Meant for a short run from <see cref="InitialWeights"/>.
    /// </summary>
    public bool QuantizationAware { get; init; }

    /// <summary>Calibration samples of a quantization-aware run (the export's recipe: the run's data at other seeds).</summary>
    public int CalibrationSamples { get; init; } = Export.RecognizerExport.DefaultCalibrationSamples;

    public RecognizerArchitecture ResolveArchitecture() => Resolve(Architecture, nameof(Architecture));

    /// <summary>The architecture <see cref="InitialWeights"/> were trained in, or null when it is <see cref="Architecture"/>.</summary>
    public RecognizerArchitecture? ResolveInitialArchitecture() =>
        InitialArchitecture is null ? null : Resolve(InitialArchitecture, nameof(InitialArchitecture));

    private static RecognizerArchitecture Resolve(string name, string key) => name switch
    {
        "default" => RecognizerArchitecture.Default,
        "positional" => RecognizerArchitecture.Positional,
        "wide" => RecognizerArchitecture.Wide,
        "wide-slot" => RecognizerArchitecture.WideSlot,
        "tiny" => RecognizerArchitecture.Tiny,
        "tiny-slot" => RecognizerArchitecture.TinySlot,
        _ => throw new TrainingOptionException($"Unknown architecture '{name}' (expected 'default', 'positional', 'wide', 'wide-slot', 'tiny' or 'tiny-slot').", key),
    };

    /// <summary>Throws a <see cref="TrainingOptionException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        var architecture = ResolveArchitecture();
        if (ResolveInitialArchitecture() is { } initial)
        {
            RunOptionRules.Require(InitialWeights is not null, nameof(InitialArchitecture), "needs initialWeights to widen");
            try
            {
                RecognizerWidening.RequireWidening(initial, architecture);
            }
            catch (ArgumentException error)
            {
                RunOptionRules.Require(false, nameof(InitialArchitecture), $"'{InitialArchitecture}' cannot grow into '{Architecture}': {error.Message}");
            }
        }

        RunOptionRules.Require(Data is "synth" or "glyphs", nameof(Data), $"must be 'synth' or 'glyphs', not '{Data}'");
        RunOptionRules.ValidateOptimizer(this);
        RunOptionRules.Require(CtcWeight > 0, nameof(CtcWeight), "must be positive");
        RunOptionRules.Require(MaskWeight >= 0, nameof(MaskWeight), "must not be negative");
        RunOptionRules.Require(FocalAlpha > 0, nameof(FocalAlpha), "must be positive");
        RunOptionRules.Require(FocalGamma >= 0, nameof(FocalGamma), "must not be negative");
        RunOptionRules.ValidateSchedule(this);
        RunOptionRules.ValidateInitialWeights(this);
        RunOptionRules.Require(CalibrationSamples >= 1, nameof(CalibrationSamples), "must be at least 1");
    }

    /// <summary>Reads a config file; unknown keys are an error naming the key.</summary>
    public static TrainingOptions Load(string path)
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
    public static TrainingOptions ReadRunRecord(string path) =>
        RunOptionsJson.Load<TrainingOptions>(path).WithPaths(relative => RunOptionRules.RelativeToConfig(relative, path));

    private TrainingOptions WithPaths(Func<string?, string?> map) => this with
    {
        InitialWeights = map(InitialWeights),
        SynthConfig = map(SynthConfig),
        ValidationSynthConfig = map(ValidationSynthConfig),
    };
}
