using Lpr.Core.Imaging;
using Lpr.Vision.Localization;

namespace Lpr.Vision.Tests.Localization;

public sealed class ClassicalPlateLocatorTests
{
    [Theory]
    [InlineData(1, 640f, 400f, 260f, 55f, 0f)]
    [InlineData(2, 300f, 500f, 200f, 43f, 4f)]
    [InlineData(3, 900f, 300f, 160f, 34f, -6f)]
    [InlineData(4, 500f, 600f, 240f, 51f, 2.5f)]
    public void FindsOneRowPlateCornersWithinAFewPixels(int seed, float cx, float cy, float width, float height, float angle)
    {
        var (frame, expected) = DrawnPlateFrames.Draw(seed, cx, cy, width, height, angle);
        using var locator = new ClassicalPlateLocator();

        var found = locator.Locate(frame);

        var best = Assert.Single(found, c => c.Box.IntersectionOverUnion(expected.Bounds()) > 0.5);
        var tolerance = Math.Max(4, height * 0.15);
        Assert.True(DrawnPlateFrames.CornerError(expected, best.Corners) <= tolerance, $"corners {best.Corners} vs {expected} (tolerance {tolerance:0.0} px)");
        Assert.Same(best, found[0]);
    }

    [Fact]
    public void A_row_of_windows_is_no_plate()
    {
        // A facade: fourteen dark window frames of one height on one line, stroked as plate characters are, but the
        // row is 9 times longer than it is tall where a plate's outline is at most 6.5.
        var pixels = new byte[1280 * 720];
        Array.Fill(pixels, (byte)170);
        for (var w = 0; w < 14; w++)
        {
            var left = 60 + (w * 38);
            for (var y = 200; y < 232; y++)
            {
                var frameRow = y < 205 || y >= 227;
                Array.Fill(pixels, (byte)40, (y * 1280) + left, frameRow ? 22 : 5);
                Array.Fill(pixels, (byte)40, (y * 1280) + left + 17, 5);
            }
        }

        using var locator = new ClassicalPlateLocator();

        var found = locator.Locate(new PixelImage(1280, 720, 1, pixels));

        Assert.DoesNotContain(found, c => c.Box.Width > 300);
    }

    [Fact]
    public void FindsTwoRowPlate()
    {
        var (frame, expected) = DrawnPlateFrames.Draw(5, 700, 420, 170, 85, 3, twoRows: true);
        using var locator = new ClassicalPlateLocator();

        var found = locator.Locate(frame);

        var best = Assert.Single(found, c => c.Box.IntersectionOverUnion(expected.Bounds()) >= 0.5);
        Assert.True(DrawnPlateFrames.CornerError(expected, best.Corners) <= 14, $"corners {best.Corners} vs {expected}");
        Assert.Equal(64, best.Crop.Height);

        // Framed as detector crops of two-row plates are: 0.85 times the plate's own aspect.
        Assert.InRange(best.Crop.Width, 100, 125);
    }

    [Fact]
    public void CropIsRectifiedGrayAtTheOneRowAspect()
    {
        var (frame, _) = DrawnPlateFrames.Draw(2, 300, 500, 200, 43, 4);
        using var locator = new ClassicalPlateLocator(new ClassicalLocatorOptions { CropHeight = 32, LooseCrop = false });

        var crop = locator.Locate(frame)[0].Crop;

        Assert.Equal(1, crop.Channels);
        Assert.Equal(32, crop.Height);
        Assert.Equal((int)Math.Round(32 * 520.0 / 110), crop.Width);

        // Rectified: the band between the plate's top border and its characters is plate background
        // (light) across the crop, not the darker frame texture a tilted, unwarped box would include.
        var band = crop.Data.Skip(crop.Width * 3).Take(crop.Width * 2).Select(b => (int)b).ToArray();
        Assert.True(band.Count(v => v > 180) > band.Length * 2 / 3, "the crop's upper band should be mostly plate background");
    }

    [Fact]
    public void LooseCropShowsThePlateInTheMiddleWithItsSurroundAsDetectorCropsDo()
    {
        var (frame, _) = DrawnPlateFrames.Draw(2, 300, 500, 200, 43, 4);
        using var locator = new ClassicalPlateLocator(new ClassicalLocatorOptions { CropHeight = 64 });

        var crop = locator.Locate(frame)[0].Crop;

        Assert.Equal(64, crop.Height);
        Assert.Equal((int)Math.Round(64 * 2.9), crop.Width);

        // The plate (light board) fills about 80 % of the width and a middle band of the height; the top rows
        // are the darker surround, which a tight crop would not show.
        double Mean(int y0, int y1, int x0, int x1)
        {
            long sum = 0;
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    sum += crop.Data[(y * crop.Stride) + x];
                }
            }

            return sum / (double)((y1 - y0) * (x1 - x0));
        }

        var surround = Mean(0, 6, 0, crop.Width);
        var board = Mean(20, 24, crop.Width / 5, crop.Width * 4 / 5);
        Assert.True(board > surround + 40, $"board {board:0} should be much lighter than the surround {surround:0}");
    }

    [Fact]
    public void FrameWithoutPlateYieldsNothing()
    {
        var (empty, _) = DrawnPlateFrames.Draw(7, -1000, -1000, 200, 43, 0);
        using var locator = new ClassicalPlateLocator();

        Assert.Empty(locator.Locate(empty));
    }

    [Fact]
    public void AcceptsGrayFramesAndReusesItsBuffersAcrossFrameSizes()
    {
        using var locator = new ClassicalPlateLocator();
        var (large, largeCorners) = DrawnPlateFrames.Draw(8, 640, 360, 240, 51, 0);
        var (small, smallCorners) = DrawnPlateFrames.Draw(9, 320, 200, 150, 32, 0, frameWidth: 640, frameHeight: 400);

        var gray = Lpr.Vision.Imaging.FrameTransforms.ToGray(large);
        Assert.Contains(locator.Locate(gray), c => c.Box.IntersectionOverUnion(largeCorners.Bounds()) >= 0.5);
        Assert.Contains(locator.Locate(small), c => c.Box.IntersectionOverUnion(smallCorners.Bounds()) >= 0.5);
    }

    [Fact]
    public void InvalidOptionsAreRejectedNamingTheSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new ClassicalPlateLocator(new ClassicalLocatorOptions { MinAspect = 5, MaxAspect = 2, CropHeight = 2 }));
        Assert.Contains("minAspect", e.Message, StringComparison.Ordinal);
        Assert.Contains("cropHeight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonMaximumSuppressionKeepsTheBestOfOverlappingBoxes()
    {
        (PixelRect Box, float Score)[] boxes =
        [
            (new PixelRect(0, 0, 100, 20), 0.5f),
            (new PixelRect(5, 0, 100, 20), 0.9f),
            (new PixelRect(300, 0, 100, 20), 0.4f),
        ];

        var kept = NonMaximumSuppression.Apply(boxes, b => b.Box, b => b.Score, 0.3, 8);

        Assert.Equal([0.9f, 0.4f], kept.Select(k => k.Score));
        Assert.Single(NonMaximumSuppression.Apply(boxes, b => b.Box, b => b.Score, 0.3, 1));
    }
}
