using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>
/// The shipped three runs from scratch (scripts/scratch*-config.json, scripts/train-shipped-recognizer.sh) and the nine
/// stages of scripts/train-staged-recognizer.sh that made the model shipped before it: the base run is the options' defaults on the generator with
/// text-face syllables; each later stage starts from the committed weights of the one before (the wide stages 5 and 6
/// are pinned further by <see cref="WideRecognizerConfigTests"/>).
/// </summary>
public sealed class ShippedRecognizerConfigTests
{
    private static readonly string[] ShippedRuns = ["scratch-config.json", "scratch-more-config.json", "scratch-more-qat-config.json"];

    private static readonly string[] Stages =
        ["train-config.json", "finetune-config.json", "polish-config.json", "standard-hangul-config.json", "wide-config.json", "wide-more-config.json",
         "wide-long-config.json", "plain-ctc-config.json", "slot-layer-config.json"];

    [Fact]
    public void The_base_run_config_is_the_options_defaults_on_text_face_syllables()
    {
        var shipped = TrainingOptions.Load(RepoPaths.Combine("scripts", "train-config.json"));

        // The run pins libtorch to the 2 cores it was sized for, and the generator to the syllables it was trained on.
        Assert.Equal(new TrainingOptions { Threads = 2, SynthConfig = Path.GetFullPath(RepoPaths.Combine("scripts", "text-face-syllables-synth.json")) }, shipped);
    }

    [Theory]
    [InlineData("finetune-config.json", "recognizer")]
    [InlineData("polish-config.json", "recognizer-finetune")]
    [InlineData("standard-hangul-config.json", "recognizer-polish")]
    [InlineData("wide-config.json", "recognizer-stdhangul", "wide")]
    [InlineData("wide-more-config.json", "recognizer-wide", "wide")]
    [InlineData("wide-qat-config.json", "recognizer-wide", "wide")]
    [InlineData("wide-long-config.json", "recognizer-wide-more", "wide")]
    [InlineData("plain-ctc-config.json", "recognizer-wide-long", "wide")]
    [InlineData("wide-long-qat-config.json", "recognizer-wide-long", "wide")] // tried, not shipped (models/MODEL_CARD.md)
    [InlineData("wide-long-qat2-config.json", "recognizer-wide-long", "wide")]
    [InlineData("plain-ctc-qat-config.json", "recognizer-plain-ctc", "wide")]
    [InlineData("regional-config.json", "recognizer-plain-ctc", "wide")]
    [InlineData("slot-layer-config.json", "recognizer-plain-ctc", "wide-slot")]
    [InlineData("standard-hangul-qat-config.json", "recognizer-stdhangul")] // the previous shipped models' last stages, kept to compare
    [InlineData("qat-config.json", "recognizer-polish")]
    public void Each_later_stage_starts_from_the_previous_stages_best_weights_resolved_against_the_config_file(string config, string previousRun, string architecture = "default")
    {
        var stage = TrainingOptions.Load(RepoPaths.Combine("scripts", config));

        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", previousRun, "best.weights")), stage.InitialWeights);
        Assert.True(File.Exists(stage.InitialWeights));
        Assert.Equal(architecture, stage.Architecture);
        Assert.True(stage.MaxLearningRate < new TrainingOptions().MaxLearningRate);
        Assert.NotEqual(new TrainingOptions().Seed, stage.Seed); // a new stream, not the base run's samples again
        Assert.Equal(new TrainingOptions().ValidationSeed, stage.ValidationSeed);
    }

    [Theory]
    [InlineData("train-config.json", 0.0)]
    [InlineData("finetune-config.json", 0.0)]
    [InlineData("polish-config.json", 0.0)]
    [InlineData("standard-hangul-config.json", 0.5)]
    [InlineData("wide-config.json", 0.5)]
    [InlineData("wide-more-config.json", 0.5)]
    [InlineData("wide-qat-config.json", 0.5)]
    [InlineData("wide-long-config.json", 0.5)]
    [InlineData("plain-ctc-config.json", 0.5)]
    [InlineData("slot-layer-config.json", 0.5)]
    public void The_stages_before_the_drawn_syllables_keep_their_text_face_syllables(string config, double drawnSyllables)
    {
        var stage = TrainingOptions.Load(RepoPaths.Combine("scripts", config));

        var generator = SynthConfig.Load(stage.SynthConfig!);

        Assert.Equal(drawnSyllables, generator.Fonts.StandardHangulProbability);
    }

    [Fact]
    public void The_stages_draw_different_streams()
    {
        var seeds = Stages.Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c)).Seed);

        Assert.Equal(Stages.Length, seeds.Distinct().Count());
    }

    [Fact]
    public void The_one_run_from_scratch_trains_the_last_stages_model_with_their_choices_on_its_own_stream()
    {
        var scratch = TrainingOptions.Load(RepoPaths.Combine("scripts", "scratch-config.json"));
        var last = TrainingOptions.Load(RepoPaths.Combine("scripts", Stages[^1]));

        Assert.Null(scratch.InitialWeights);
        Assert.Equal((last.Architecture, last.SynthConfig, last.FocalGamma, last.BatchSize), (scratch.Architecture, scratch.SynthConfig, scratch.FocalGamma, scratch.BatchSize));
        Assert.DoesNotContain(scratch.Seed, Stages.Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c)).Seed));
        Assert.Equal(new TrainingOptions().ValidationSeed, scratch.ValidationSeed);
    }

    [Fact]
    public void The_staged_script_runs_the_nine_stages_in_order_and_the_shipped_script_its_three_runs_into_models()
    {
        var staged = File.ReadAllLines(RepoPaths.Combine("scripts", "train-staged-recognizer.sh"))
            .Where(line => line.StartsWith("recognizer_run ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2]);
        var shipped = File.ReadAllLines(RepoPaths.Combine("scripts", "train-shipped-recognizer.sh"))
            .Where(line => line.StartsWith("recognizer_run ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .ToArray();

        Assert.Equal(Stages, staged);
        Assert.Equal(ShippedRuns, shipped.Select(words => words[2]));
        Assert.Equal("\"$root/models/kr-plate-recognizer-int8.tflite\"", shipped[^1][3]);
    }

    [Fact]
    public void The_shipped_runs_continue_each_other_and_only_the_last_trains_the_int8_simulation()
    {
        var runs = ShippedRuns.Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c))).ToArray();

        Assert.Null(runs[0].InitialWeights);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-scratch", "best.weights")), runs[1].InitialWeights);
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("runs", "recognizer-scratch-more", "best.weights")), runs[2].InitialWeights);
        Assert.All(runs, run => Assert.Equal(("wide-slot", runs[0].SynthConfig, 0.0), (run.Architecture, run.SynthConfig, run.FocalGamma)));
        Assert.Equal([false, false, true], runs.Select(run => run.QuantizationAware));
        Assert.True(runs[2].MaxLearningRate < runs[1].MaxLearningRate && runs[1].MaxLearningRate < runs[0].MaxLearningRate);
        Assert.Equal(runs.Length, runs.Select(run => run.Seed).Distinct().Count());
    }

    [Fact]
    public void No_shipped_stage_trains_the_int8_simulation()
    {
        var quantizationAware = Stages.Select(c => TrainingOptions.Load(RepoPaths.Combine("scripts", c)).QuantizationAware);

        // The last stage ships its post-training export: a quantization-aware fine-tune of it read no better (models/MODEL_CARD.md).
        Assert.All(quantizationAware, Assert.False);
    }
}
