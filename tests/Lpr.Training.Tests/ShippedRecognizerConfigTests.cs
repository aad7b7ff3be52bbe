using Lpr.Testing;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>The two stages of scripts/train-shipped-recognizer.sh: the base run is the options' defaults; the fine-tune starts from its committed weights.</summary>
public sealed class ShippedRecognizerConfigTests
{
    [Fact]
    public void The_base_run_config_is_the_options_defaults()
    {
        var shipped = TrainingOptions.Load(RepoPaths.Combine("scripts", "train-config.json"));

        Assert.Equal(new TrainingOptions { Threads = 2 }, shipped); // the run pins libtorch to the 2 cores it was sized for
    }

    [Fact]
    public void The_fine_tune_starts_from_the_base_runs_best_weights_resolved_against_the_config_file()
    {
        var fineTune = TrainingOptions.Load(RepoPaths.Combine("scripts", "finetune-config.json"));

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer", "best.weights")), fineTune.InitialWeights);
        Assert.True(File.Exists(fineTune.InitialWeights));
        Assert.Equal(new TrainingOptions().Architecture, fineTune.Architecture);
        Assert.True(fineTune.MaxLearningRate < new TrainingOptions().MaxLearningRate);
        Assert.NotEqual(new TrainingOptions().Seed, fineTune.Seed); // a new stream, not the base run's samples again
        Assert.Equal(new TrainingOptions().ValidationSeed, fineTune.ValidationSeed);
    }
}
