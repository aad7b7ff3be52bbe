using Lpr.Testing;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>The four stages of scripts/train-shipped-recognizer.sh: the base run is the options' defaults; each later stage starts from the committed weights of the one before.</summary>
public sealed class ShippedRecognizerConfigTests
{
    [Fact]
    public void The_base_run_config_is_the_options_defaults()
    {
        var shipped = TrainingOptions.Load(RepoPaths.Combine("scripts", "train-config.json"));

        Assert.Equal(new TrainingOptions { Threads = 2 }, shipped); // the run pins libtorch to the 2 cores it was sized for
    }

    [Theory]
    [InlineData("finetune-config.json", "recognizer")]
    [InlineData("polish-config.json", "recognizer-finetune")]
    [InlineData("qat-config.json", "recognizer-polish")]
    public void Each_later_stage_starts_from_the_previous_stages_best_weights_resolved_against_the_config_file(string config, string previousRun)
    {
        var stage = TrainingOptions.Load(RepoPaths.Combine("scripts", config));

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", previousRun, "best.weights")), stage.InitialWeights);
        Assert.True(File.Exists(stage.InitialWeights));
        Assert.Equal(new TrainingOptions().Architecture, stage.Architecture);
        Assert.True(stage.MaxLearningRate < new TrainingOptions().MaxLearningRate);
        Assert.NotEqual(new TrainingOptions().Seed, stage.Seed); // a new stream, not the base run's samples again
        Assert.Equal(new TrainingOptions().ValidationSeed, stage.ValidationSeed);
    }

    [Fact]
    public void The_stages_draw_different_streams()
    {
        var seeds = new[] { "train-config.json", "finetune-config.json", "polish-config.json", "qat-config.json" }
            .Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c)).Seed);

        Assert.Equal(4, seeds.Distinct().Count());
    }

    [Fact]
    public void Only_the_last_stage_trains_the_int8_simulation()
    {
        var quantizationAware = new[] { "train-config.json", "finetune-config.json", "polish-config.json", "qat-config.json" }
            .Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c)).QuantizationAware);

        Assert.Equal([false, false, false, true], quantizationAware);
    }
}
