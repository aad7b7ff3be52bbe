using Lpr.Core.Imaging;
using Lpr.Core.Localization;

namespace Lpr.Core.Tests.Localization;

/// <summary>The detector's output decoding alone, on hand-made heatmaps and corner maps (NHWC, cells of stride 8).</summary>
public sealed class PlateHeatmapDecoderTests
{
    private const int Width = 10;
    private const int Height = 6;
    private const int Stride = 8;

    [Fact]
    public void A_peak_becomes_the_quad_its_corner_offsets_describe_in_input_pixels()
    {
        var (heatmap, corners) = Maps();
        // A plate centred in cell (3, 2): corners 1.5 cells left/right and 0.25 up/down of the cell centre,
        // the right side a little lower (a tilt).
        Set(heatmap, corners, 3, 2, 0.9f, [-1.5f, -0.25f, 1.5f, -0.1f, 1.5f, 0.4f, -1.5f, 0.25f]);
        heatmap[(2 * Width) + 4] = 0.6f; // a shoulder of the same peak, not a peak of its own
        var found = new PlateDetection[8];

        var count = new PlateHeatmapDecoder(Width, Height, Stride).Decode(heatmap, corners, 0.3f, found);

        Assert.Equal(1, count);
        Assert.Equal(0.9f, found[0].Score);
        var q = found[0].Corners;
        // Cell centre (3.5, 2.5) cells = (28, 20) pixels.
        Assert.Equal(new PointF32(16, 18), q.TopLeft);
        Assert.Equal(new PointF32(40, 19.2f), q.TopRight);
        Assert.Equal(new PointF32(40, 23.2f), q.BottomRight);
        Assert.Equal(new PointF32(16, 22), q.BottomLeft);
    }

    [Fact]
    public void Peaks_below_the_threshold_are_dropped_and_the_rest_come_best_first()
    {
        var (heatmap, corners) = Maps();
        Set(heatmap, corners, 1, 1, 0.5f, Box(1));
        Set(heatmap, corners, 8, 1, 0.95f, Box(1));
        Set(heatmap, corners, 5, 4, 0.7f, Box(1));
        Set(heatmap, corners, 1, 4, 0.2f, Box(1));
        var found = new PlateDetection[8];

        var count = new PlateHeatmapDecoder(Width, Height, Stride).Decode(heatmap, corners, 0.3f, found);

        Assert.Equal(3, count);
        Assert.Equal([0.95f, 0.7f, 0.5f], found.Take(count).Select(d => d.Score));
        Assert.Equal(new PointF32(((8 + 0.5f) * Stride) - Stride, ((1 + 0.5f) * Stride) - Stride), found[0].Corners.TopLeft);
    }

    [Fact]
    public void A_plateau_of_equal_scores_gives_one_peak_and_a_full_buffer_keeps_the_best()
    {
        var (heatmap, corners) = Maps();
        Set(heatmap, corners, 2, 2, 0.8f, Box(1));
        Set(heatmap, corners, 3, 2, 0.8f, Box(1)); // int8 outputs often tie with a neighbour
        Set(heatmap, corners, 7, 4, 0.4f, Box(1));
        Set(heatmap, corners, 8, 1, 0.6f, Box(1));
        var found = new PlateDetection[2];

        var count = new PlateHeatmapDecoder(Width, Height, Stride, maxPeaks: 2).Decode(heatmap, corners, 0.3f, found);

        Assert.Equal(2, count);
        Assert.Equal(0.8f, found[0].Score);
        Assert.Equal(12f, found[0].Corners.TopLeft.X); // cell 2, the first of the plateau in raster order: (2.5 - 1) * 8
        Assert.Equal(0.6f, found[1].Score);
    }

    [Fact]
    public void Maps_of_the_wrong_size_are_rejected()
    {
        var decoder = new PlateHeatmapDecoder(Width, Height, Stride);
        var error = Assert.Throws<ArgumentException>(() => decoder.Decode(new float[Width * Height], new float[Width * Height], 0.3f, new PlateDetection[4]));
        Assert.Contains("10x6", error.Message);
    }

    private static (float[] Heatmap, float[] Corners) Maps() => (new float[Width * Height], new float[Width * Height * 8]);

    /// <summary>Corner offsets of an axis-aligned square of half-size <paramref name="half"/> cells.</summary>
    private static float[] Box(float half) => [-half, -half, half, -half, half, half, -half, half];

    private static void Set(float[] heatmap, float[] corners, int x, int y, float score, float[] offsets)
    {
        heatmap[(y * Width) + x] = score;
        offsets.CopyTo(corners, ((y * Width) + x) * 8);
    }
}
