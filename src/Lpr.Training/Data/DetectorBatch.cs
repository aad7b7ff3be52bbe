using static TorchSharp.torch;

namespace Lpr.Training.Data;

/// <summary>A collated detector batch: images [B,1,H,W], heatmap targets [B,1,h,w], corner targets [B,8,h,w], corner weights and scales [B,1,h,w].</summary>
public sealed class DetectorBatch : IDisposable
{
    private DetectorBatch(Tensor images, Tensor heatmap, Tensor corners, Tensor weight, Tensor scale)
    {
        Images = images;
        Heatmap = heatmap;
        Corners = corners;
        Weight = weight;
        Scale = scale;
    }

    public Tensor Images { get; }

    public Tensor Heatmap { get; }

    public Tensor Corners { get; }

    public Tensor Weight { get; }

    public Tensor Scale { get; }

    public static DetectorBatch Collate(IReadOnlyList<DetectorSample> samples, int height, int width, int gridHeight, int gridWidth)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sample.", nameof(samples));
        }

        var cells = gridHeight * gridWidth;
        var pixels = new float[samples.Count * height * width];
        var heatmap = new float[samples.Count * cells];
        var corners = new float[samples.Count * 8 * cells];
        var weight = new float[samples.Count * cells];
        var scale = new float[samples.Count * cells];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (sample.Pixels.Length != height * width || sample.Targets.Heatmap.Length != cells)
            {
                throw new ArgumentException($"Sample {i} has {sample.Pixels.Length} pixels and {sample.Targets.Heatmap.Length} cells, expected {height}x{width} and {gridHeight}x{gridWidth}.", nameof(samples));
            }

            sample.Pixels.CopyTo(pixels, i * height * width);
            sample.Targets.Heatmap.CopyTo(heatmap, i * cells);
            sample.Targets.Corners.CopyTo(corners, i * 8 * cells);
            sample.Targets.Weight.CopyTo(weight, i * cells);
            sample.Targets.Scale.CopyTo(scale, i * cells);
        }

        return new DetectorBatch(
            tensor(pixels, [samples.Count, 1, height, width]),
            tensor(heatmap, [samples.Count, 1, gridHeight, gridWidth]),
            tensor(corners, [samples.Count, 8, gridHeight, gridWidth]),
            tensor(weight, [samples.Count, 1, gridHeight, gridWidth]),
            tensor(scale, [samples.Count, 1, gridHeight, gridWidth]));
    }

    public void Dispose()
    {
        Images.Dispose();
        Heatmap.Dispose();
        Corners.Dispose();
        Weight.Dispose();
        Scale.Dispose();
    }
}
