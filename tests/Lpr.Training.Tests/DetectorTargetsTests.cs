using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Training.Data;

namespace Lpr.Training.Tests;

public class DetectorTargetsTests
{
    private const int Width = 40;
    private const int Height = 24;
    private const int Stride = 8;

    [Fact]
    public void Targets_decode_back_to_the_plates_they_were_made_from()
    {
        Quad[] plates =
        [
            new(new(40, 100), new(100, 96), new(101, 110), new(41, 115)),   // tilted one-row plate
            new(new(200, 40), new(236, 42), new(235, 60), new(199, 58)),     // two-row proportions
            new(new(290, 170), new(302, 170), new(302, 173), new(290, 173)), // a 12x3 plate far away
        ];

        var targets = DetectorTargets.Build(plates, Width, Height, Stride);
        var found = new PlateDetection[8];
        var count = new PlateHeatmapDecoder(Width, Height, Stride).Decode(targets.Heatmap, Nhwc(targets.Corners), 0.5f, found);

        Assert.Equal(3, count);
        foreach (var plate in plates)
        {
            var match = found.Take(count).Single(d => d.Corners.Bounds().IntersectionOverUnion(plate.Bounds()) > 0.5);
            Assert.Equal(1f, match.Score);
            AssertClose(plate.TopLeft, match.Corners.TopLeft);
            AssertClose(plate.TopRight, match.Corners.TopRight);
            AssertClose(plate.BottomRight, match.Corners.BottomRight);
            AssertClose(plate.BottomLeft, match.Corners.BottomLeft);
        }
    }

    [Fact]
    public void The_centre_cell_is_exactly_one_its_neighbours_learn_corners_and_far_cells_nothing()
    {
        Quad[] plates = [new(new(76, 84), new(164, 84), new(164, 108), new(76, 108))]; // centre (120, 96) = cell (15, 12)

        var targets = DetectorTargets.Build(plates, Width, Height, Stride);

        Assert.Equal(1f, targets.Heatmap[(12 * Width) + 15]);
        Assert.InRange(targets.Heatmap[(12 * Width) + 16], 0.3f, 0.99f);
        Assert.True(targets.Weight[(12 * Width) + 16] > 0, "the neighbour along the plate learns its corners too");
        Assert.Equal(0f, targets.Heatmap[(2 * Width) + 2]);
        Assert.Equal(0f, targets.Weight[(2 * Width) + 2]);
        Assert.Equal(1f, targets.Scale[(2 * Width) + 2]);
        Assert.Equal(3f, targets.Scale[(12 * Width) + 15]); // 24 pixels high = 3 cells
    }

    [Fact]
    public void A_plate_centred_outside_the_input_has_no_target()
    {
        Quad[] plates = [new(new(300, 180), new(340, 180), new(340, 200), new(300, 200))];

        var targets = DetectorTargets.Build(plates, Width, Height, Stride);

        Assert.All(targets.Weight, w => Assert.Equal(0f, w));
        Assert.DoesNotContain(1f, targets.Heatmap);
    }

    /// <summary>[8, h, w] channel-major targets as the [h, w, 8] layout of the exported output.</summary>
    private static float[] Nhwc(float[] chw)
    {
        var cells = Width * Height;
        var result = new float[chw.Length];
        for (var c = 0; c < 8; c++)
        {
            for (var i = 0; i < cells; i++)
            {
                result[(i * 8) + c] = chw[(c * cells) + i];
            }
        }

        return result;
    }

    private static void AssertClose(PointF32 expected, PointF32 actual)
    {
        Assert.InRange(actual.X, expected.X - 1e-3f, expected.X + 1e-3f);
        Assert.InRange(actual.Y, expected.Y - 1e-3f, expected.Y + 1e-3f);
    }
}
