using CsCheck;
using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Tests.Imaging;

public sealed class RegionOfInterestMaskTests
{
    [Fact]
    public void Pixels_outside_a_triangle_are_black_and_inside_untouched()
    {
        var frame = new PixelImage(10, 10, 3, [.. Enumerable.Repeat((byte)200, 300)]);
        var mask = new RegionOfInterestMask([new PointF32(0, 0), new PointF32(10, 0), new PointF32(0, 10)], 10, 10);

        mask.Apply(frame);

        Assert.Equal(200, frame.Data[((1 * 10) + 1) * 3]);
        Assert.Equal(0, frame.Data[((9 * 10) + 9) * 3]);
        Assert.True(mask.Contains(1, 1));
        Assert.False(mask.Contains(9, 9));
    }

    [Fact]
    public void Agrees_with_an_exact_point_in_polygon_test_on_pixel_centres()
    {
        var point = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 30], (x, y) => new PointF32(x + 0.25f, y + 0.25f));
        Gen.Select(point.Array[3, 6], Gen.Int[0, 39], Gen.Int[0, 29]).Sample((polygon, x, y) =>
        {
            var mask = new RegionOfInterestMask(polygon, 40, 30);
            var contour = polygon.Select(p => new Point2f(p.X, p.Y)).ToArray();
            var inside = EvenOdd(polygon, x + 0.5f, y + 0.5f);
            return mask.Contains(x, y) == inside || Cv2.PointPolygonTest(contour, new Point2f(x + 0.5f, y + 0.5f), true) is > -1e-3 and < 1e-3;
        });
    }

    [Fact]
    public void A_frame_of_another_size_or_a_polygon_of_two_points_is_refused()
    {
        var mask = new RegionOfInterestMask([new PointF32(0, 0), new PointF32(5, 0), new PointF32(0, 5)], 10, 10);

        Assert.Throws<ArgumentException>(() => mask.Apply(PixelImage.CreateGray(8, 8)));
        Assert.Throws<ArgumentException>(() => new RegionOfInterestMask([new PointF32(0, 0), new PointF32(5, 0)], 10, 10));
    }

    private static bool EvenOdd(PointF32[] polygon, float x, float y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if ((a.Y > y) != (b.Y > y) && x < ((b.X - a.X) * (y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
