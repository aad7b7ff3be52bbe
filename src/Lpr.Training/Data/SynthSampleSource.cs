using Lpr.Synth;
using Lpr.Synth.Options;

namespace Lpr.Training.Data;

/// <summary>
/// Training samples from the plate renderer (Lpr.Synth), streamed without touching disk. Sample
/// <c>index</c> under a seed is always the same crop, which makes runs resumable and the hold-out fixed.
/// </summary>
public sealed class SynthSampleSource : ITrainingSampleSource, IDisposable
{
    private readonly PlateSampleGenerator generator;
    private readonly LabelMap labels;
    private readonly int featureStride;

    public SynthSampleSource(SynthOptions options, long seed, LabelMap labels, int featureStride = 8)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labels);
        if (!options.Grayscale)
        {
            throw new ArgumentException("The recognizer trains on gray crops: set grayscale to true in the synth config.", nameof(options));
        }

        generator = new PlateSampleGenerator(options, seed);
        this.labels = labels;
        this.featureStride = featureStride;
        Description = $"Lpr.Synth crops {options.Width}x{options.Height}, seed {seed}";
    }

    public int ImageHeight => generator.Options.Height;

    public int ImageWidth => generator.Options.Width;

    public string Description { get; }

    public TrainingSample Create(long index)
    {
        var sample = generator.Generate(index);
        var data = sample.Image.Data;
        var pixels = new float[data.Length];
        for (var p = 0; p < pixels.Length; p++)
        {
            pixels[p] = data[p] * (1f / 255f);
        }

        var tokens = sample.Tokens.Select(labels.IndexOf).ToArray();
        var coverage = CharacterCoverage.FromMask(sample.CharacterMask, ImageHeight, ImageWidth, ImageHeight / featureStride, ImageWidth / featureStride);
        return new TrainingSample(pixels, tokens, coverage, sample.Text);
    }

    public void Dispose() => generator.Dispose();
}
