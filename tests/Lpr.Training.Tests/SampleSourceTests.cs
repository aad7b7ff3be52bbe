using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Training.Data;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

public class SampleSourceTests
{
    [Fact]
    public void Synth_source_gives_the_same_sample_for_the_same_index_with_tokens_and_character_coverage()
    {
        var labels = LabelMap.Load(Path.Combine(RepoPaths.Models, "labels.txt"));
        using var source = new SynthSampleSource(new SynthOptions(), seed: 3, labels);

        var first = source.Create(17);
        var again = source.Create(17);
        var other = source.Create(18);

        Assert.Equal(first.Pixels, again.Pixels);
        Assert.NotEqual(first.Pixels, other.Pixels);
        Assert.Equal(64 * 128, first.Pixels.Length);
        Assert.All(first.Tokens, t => Assert.InRange(t, 0, 66));
        Assert.Equal(first.Text, labels.Join(first.Tokens));
        Assert.Equal(8 * 16, first.CharacterCoverage!.Length);
        Assert.True(first.CharacterCoverage.Sum() > 0.5f, "the characters cover part of the feature map");
    }

    [Fact]
    public void A_validation_synth_config_renders_the_hold_out_from_its_own_generator_and_the_batches_from_the_runs()
    {
        var labelsPath = Path.Combine(RepoPaths.Models, "labels.txt");
        var options = TrainingOptions.Load(RepoPaths.Combine("scripts", "regional-config.json"));
        Assert.Equal(Path.GetFullPath(RepoPaths.Combine("scripts", "standard-hangul-synth.json")), options.ValidationSynthConfig);
        var labels = LabelMap.Load(labelsPath);
        using var regional = new SynthSampleSource(SynthConfig.Load(options.SynthConfig!), options.ValidationSeed, labels);
        using var standard = new SynthSampleSource(SynthConfig.Load(options.ValidationSynthConfig!), options.ValidationSeed, labels);

        var (train, validation) = SampleSources.Create(options, labelsPath);
        var (sameTrain, sameValidation) = SampleSources.Create(options with { ValidationSynthConfig = null }, labelsPath);

        // The first index where the two generators' type weights draw different plates at the hold-out seed.
        var index = Enumerable.Range(0, 50).First(i => regional.Create(i).Text != standard.Create(i).Text);
        Assert.Equal(standard.Create(index).Pixels, validation.Create(index).Pixels);
        Assert.Equal(regional.Create(index).Pixels, sameValidation.Create(index).Pixels);
        Assert.Equal(train.Create(index).Pixels, sameTrain.Create(index).Pixels);
        (train as IDisposable)?.Dispose();
        (validation as IDisposable)?.Dispose();
        (sameTrain as IDisposable)?.Dispose();
        (sameValidation as IDisposable)?.Dispose();
    }

    [Fact]
    public void Coverage_averages_mask_pixels_per_cell()
    {
        var mask = new byte[16 * 16];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                mask[(y * 16) + x] = 3; // any non-zero label counts as character
            }
        }

        var coverage = CharacterCoverage.FromMask(mask, 16, 16, 2, 2);

        Assert.Equal([0.5f, 0f, 0f, 0f], coverage);
    }

    [Fact]
    public void Duplicate_label_is_rejected_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => new LabelMap(["0", "가", "0"]));
        Assert.Contains("'0'", error.Message);
    }
}
