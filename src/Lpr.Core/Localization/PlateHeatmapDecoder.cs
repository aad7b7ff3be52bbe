using Lpr.Core.Imaging;

namespace Lpr.Core.Localization;

/// <summary>
/// Decodes a CenterNet-style detector's outputs on its grid of <see cref="GridWidth"/> x
/// <see cref="GridHeight"/> cells of <see cref="Stride"/> input pixels: a cell is a plate centre
/// when its heatmap probability reaches the threshold and is a 3x3 local maximum (on a plateau of
/// equal values, as int8 outputs have, the first cell in raster order wins, so one plate gives one
/// peak); its corners are the cell centre plus the cell's 4 regressed offsets × stride. At most
/// <see cref="MaxPeaks"/> peaks are kept, best first. Allocates nothing: the caller owns the buffers.
/// </summary>
public sealed class PlateHeatmapDecoder
{
    public const int CornerValues = 8;

    public PlateHeatmapDecoder(int gridWidth, int gridHeight, int stride, int maxPeaks = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPeaks);
        GridWidth = gridWidth;
        GridHeight = gridHeight;
        Stride = stride;
        MaxPeaks = maxPeaks;
    }

    public int GridWidth { get; }

    public int GridHeight { get; }

    public int Stride { get; }

    public int MaxPeaks { get; }

    /// <param name="heatmap">[h*w] plate-centre probabilities, row-major.</param>
    /// <param name="corners">[h*w*8] per cell TL x, TL y, TR x, TR y, BR x, BR y, BL x, BL y as offsets from
    /// the cell centre in cells (the NHWC layout of a [1, h, w, 8] output tensor).</param>
    /// <param name="threshold">Lowest probability reported.</param>
    /// <param name="destination">Receives the detections (corners in input pixels), best first; at most
    /// <see cref="MaxPeaks"/> and its length are used.</param>
    /// <returns>The number of detections written.</returns>
    public int Decode(ReadOnlySpan<float> heatmap, ReadOnlySpan<float> corners, float threshold, Span<PlateDetection> destination)
    {
        var cells = GridWidth * GridHeight;
        if (heatmap.Length != cells || corners.Length != cells * CornerValues)
        {
            throw new ArgumentException($"Expected {cells} heatmap and {cells * CornerValues} corner values for a {GridWidth}x{GridHeight} grid, got {heatmap.Length} and {corners.Length}.", nameof(heatmap));
        }

        var capacity = Math.Min(MaxPeaks, destination.Length);
        var count = 0;
        for (var y = 0; y < GridHeight; y++)
        {
            for (var x = 0; x < GridWidth; x++)
            {
                var score = heatmap[(y * GridWidth) + x];
                if (!(score >= threshold) || !IsPeak(heatmap, x, y, score))
                {
                    continue;
                }

                if (count == capacity && (capacity == 0 || score <= destination[count - 1].Score))
                {
                    continue;
                }

                // Insertion into the sorted list (few peaks per frame); the weakest falls off when full.
                var at = count < capacity ? count++ : count - 1;
                while (at > 0 && destination[at - 1].Score < score)
                {
                    destination[at] = destination[at - 1];
                    at--;
                }

                destination[at] = new PlateDetection(CornersAt(corners, x, y), score);
            }
        }

        return count;
    }

    private bool IsPeak(ReadOnlySpan<float> heatmap, int x, int y, float score)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            var ny = y + dy;
            if ((uint)ny >= (uint)GridHeight)
            {
                continue;
            }

            for (var dx = -1; dx <= 1; dx++)
            {
                var nx = x + dx;
                if ((dx == 0 && dy == 0) || (uint)nx >= (uint)GridWidth)
                {
                    continue;
                }

                var neighbour = heatmap[(ny * GridWidth) + nx];
                // Cells before this one in raster order must be lower, cells after it not higher.
                var before = dy < 0 || (dy == 0 && dx < 0);
                if (before ? neighbour >= score : neighbour > score)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private Quad CornersAt(ReadOnlySpan<float> corners, int x, int y)
    {
        var o = corners.Slice(((y * GridWidth) + x) * CornerValues, CornerValues);
        var (cx, cy, s) = (x + 0.5f, y + 0.5f, (float)Stride);
        return new Quad(
            new PointF32((cx + o[0]) * s, (cy + o[1]) * s),
            new PointF32((cx + o[2]) * s, (cy + o[3]) * s),
            new PointF32((cx + o[4]) * s, (cy + o[5]) * s),
            new PointF32((cx + o[6]) * s, (cy + o[7]) * s));
    }
}
