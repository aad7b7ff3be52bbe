using static TorchSharp.torch;

namespace Lpr.Training.Data;

/// <summary>A collated batch as tensors: images [B,1,H,W], CTC targets, coverage [B,1,h,w] (or null).</summary>
public sealed class TrainingBatch : IDisposable
{
    private TrainingBatch(Tensor images, Tensor targets, Tensor targetLengths, Tensor? coverage, IReadOnlyList<TrainingSample> samples)
    {
        Images = images;
        Targets = targets;
        TargetLengths = targetLengths;
        Coverage = coverage;
        Samples = samples;
    }

    public Tensor Images { get; }

    public Tensor Targets { get; }

    public Tensor TargetLengths { get; }

    public Tensor? Coverage { get; }

    public IReadOnlyList<TrainingSample> Samples { get; }

    public static TrainingBatch Collate(IReadOnlyList<TrainingSample> samples, int height, int width, int featureHeight, int featureWidth)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sample.", nameof(samples));
        }

        var pixels = new float[samples.Count * height * width];
        var cells = featureHeight * featureWidth;
        var coverage = samples.All(s => s.CharacterCoverage is not null) ? new float[samples.Count * cells] : null;
        var targets = new List<long>();
        var lengths = new long[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (sample.Pixels.Length != height * width)
            {
                throw new ArgumentException($"Sample '{sample.Text}' has {sample.Pixels.Length} pixels, expected {height}x{width}.", nameof(samples));
            }

            if (sample.Tokens.Length == 0)
            {
                throw new ArgumentException($"Sample {i} has an empty label.", nameof(samples));
            }

            sample.Pixels.CopyTo(pixels, i * height * width);
            if (coverage is not null)
            {
                if (sample.CharacterCoverage!.Length != cells)
                {
                    throw new ArgumentException($"Sample '{sample.Text}' has {sample.CharacterCoverage.Length} coverage cells, expected {featureHeight}x{featureWidth}.", nameof(samples));
                }

                sample.CharacterCoverage.CopyTo(coverage, i * cells);
            }

            targets.AddRange(sample.Tokens.Select(t => (long)t));
            lengths[i] = sample.Tokens.Length;
        }

        return new TrainingBatch(
            tensor(pixels, [samples.Count, 1, height, width]),
            tensor(targets.ToArray()),
            tensor(lengths),
            coverage is null ? null : tensor(coverage, [samples.Count, 1, featureHeight, featureWidth]),
            samples);
    }

    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
        TargetLengths.Dispose();
        Coverage?.Dispose();
    }
}
