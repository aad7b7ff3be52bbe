using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>
/// The positional-attention recipe (tried, not shipped; models/MODEL_CARD.md): a from-scratch run, its quantization-aware
/// stage and a continuation, each later config starting from the committed best weights of the from-scratch run.
/// </summary>
public sealed class PositionalRecognizerConfigTests
{
    private static TrainingOptions Config(string name) => TrainingOptions.Load(RepoPaths.Combine("scripts", name));

    [Fact]
    public void The_from_scratch_run_is_the_options_defaults_with_the_positional_attention_and_its_length()
    {
        var run = Config("positional-config.json");

        Assert.Equal(
            new TrainingOptions
            {
                Architecture = "positional", Steps = 16_000, Seed = 11, Threads = 2,
                SynthConfig = Path.GetFullPath(RepoPaths.Combine("scripts", "standard-hangul-synth.json")),
            },
            run);
        Assert.True(run.ResolveArchitecture().PositionalAttention);
    }

    [Theory]
    [InlineData("positional-qat-config.json", true)]
    [InlineData("positional-more-config.json", false)]
    public void The_later_stages_start_from_the_from_scratch_runs_best_weights_on_the_same_data(string config, bool quantizationAware)
    {
        var first = Config("positional-config.json");
        var later = Config(config);

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-positional", "best.weights")), later.InitialWeights);
        Assert.True(File.Exists(later.InitialWeights));
        Assert.Equal(quantizationAware, later.QuantizationAware);
        Assert.Equal(first.Architecture, later.Architecture);
        Assert.Equal(first.SynthConfig, later.SynthConfig);
        Assert.Equal(first.ValidationSeed, later.ValidationSeed);
        Assert.NotEqual(first.Seed, later.Seed); // a new stream, not the first run's samples again
        Assert.True(later.MaxLearningRate < first.MaxLearningRate);
    }

    [Fact]
    public void The_recipe_trains_on_the_default_generator()
    {
        var generator = SynthConfig.Load(Config("positional-config.json").SynthConfig!);

        // Stated in the config so the run keeps its data if a default moves; today it is the default.
        Assert.Equal(new SynthOptions().Fonts.StandardHangulProbability, generator.Fonts.StandardHangulProbability);
        Assert.Equal(new SynthOptions().Fonts.StandardDigitsProbability, generator.Fonts.StandardDigitsProbability);
    }
}
