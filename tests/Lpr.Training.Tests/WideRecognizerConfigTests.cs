using Lpr.Testing;
using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>
/// The wide recipe (models/MODEL_CARD.md): the shipped model's float stage 4 grown into the wide architecture and trained
/// on, then trained further at a lower peak learning rate (exported by post-training quantization); the
/// quantization-aware stage from the wide run's best weights shipped the model before it.
/// </summary>
public sealed class WideRecognizerConfigTests
{
    private static TrainingOptions Config(string name) => TrainingOptions.Load(RepoPaths.Combine("scripts", name));

    [Fact]
    public void The_wide_run_grows_the_shipped_models_float_stage_on_its_generator()
    {
        var wide = Config("wide-config.json");
        var stage4 = Config("standard-hangul-config.json");

        Assert.Equal(RecognizerArchitecture.Wide, wide.ResolveArchitecture());
        Assert.Equal(RecognizerArchitecture.Default, wide.ResolveInitialArchitecture());
        Assert.Equal(stage4.Architecture, wide.InitialArchitecture);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-stdhangul", "best.weights")), wide.InitialWeights);
        Assert.True(File.Exists(wide.InitialWeights));
        Assert.Equal(stage4.SynthConfig, wide.SynthConfig);
        Assert.Equal(stage4.ValidationSeed, wide.ValidationSeed);
        Assert.NotEqual(stage4.Seed, wide.Seed);
        Assert.False(wide.QuantizationAware);
    }

    [Fact]
    public void The_quantization_aware_stage_starts_from_the_wide_runs_best_weights_in_the_same_shape()
    {
        var wide = Config("wide-config.json");
        var qat = Config("wide-qat-config.json");

        Assert.True(qat.QuantizationAware);
        Assert.Equal(wide.Architecture, qat.Architecture);
        Assert.Null(qat.InitialArchitecture);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-wide", "best.weights")), qat.InitialWeights);
        Assert.Equal(wide.SynthConfig, qat.SynthConfig);
        Assert.Equal(wide.ValidationSeed, qat.ValidationSeed);
        Assert.NotEqual(wide.Seed, qat.Seed);
        Assert.True(qat.MaxLearningRate < wide.MaxLearningRate);
    }

    [Fact]
    public void The_continued_run_starts_from_the_wide_runs_best_weights_at_a_lower_peak()
    {
        var wide = Config("wide-config.json");
        var more = Config("wide-more-config.json");

        Assert.Equal(wide.Architecture, more.Architecture);
        Assert.Null(more.InitialArchitecture);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-wide", "best.weights")), more.InitialWeights);
        Assert.Equal(wide.SynthConfig, more.SynthConfig);
        Assert.Equal(wide.ValidationSeed, more.ValidationSeed);
        Assert.NotEqual(wide.Seed, more.Seed);
        Assert.False(more.QuantizationAware);
        Assert.True(more.MaxLearningRate < wide.MaxLearningRate);
    }
}
