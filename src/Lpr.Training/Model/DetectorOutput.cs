using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>What one forward pass of <see cref="PlateDetectorNet"/> produces.</summary>
/// <param name="HeatmapLogits">[B, 1, h, w] plate-centre logits (sigmoid → probability a plate is centred in the cell).</param>
/// <param name="Corners">[B, 8, h, w] corner offsets from each cell's centre in cells: TL x, TL y, TR x, TR y, BR x, BR y, BL x, BL y.</param>
public sealed record DetectorOutput(Tensor HeatmapLogits, Tensor Corners) : IDisposable
{
    public void Dispose()
    {
        HeatmapLogits.Dispose();
        Corners.Dispose();
    }
}
