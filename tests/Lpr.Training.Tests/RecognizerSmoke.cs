using Lpr.Training.Data;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>The CI smoke configuration of recognizer runs: a tiny model, a few dozen steps on glyph patterns.</summary>
internal static class RecognizerSmoke
{
    public static TrainingOptions Options(int steps) => new()
    {
        Architecture = "tiny",
        Data = "glyphs",
        Steps = steps,
        BatchSize = 16,
        MaxLearningRate = 5e-3,
        WarmupFraction = 0.1,
        ValidateEvery = 40,
        ValidationSamples = 32,
        Threads = 2,
    };

    /// <summary>The training and hold-out glyph sources of a run's seeds.</summary>
    public static (GlyphPatternSource Train, GlyphPatternSource Validation) Glyphs(TrainingOptions options) =>
        (new GlyphPatternSource(67, options.Seed), new GlyphPatternSource(67, options.ValidationSeed));
}
