using CsCheck;
using Lpr.Core.Imaging;

namespace Lpr.Core.Tests.Imaging;

public sealed class PerspectiveTransformTests
{
    private static readonly PointF32[] Plate = [new(512.5f, 433.4f), new(642.8f, 427.9f), new(643.7f, 456.7f), new(513.3f, 459.8f)];

    [Fact]
    public void The_four_corners_map_onto_their_targets()
    {
        var h = PerspectiveTransform.FromRectangle(300, 64, Plate);

        PointF32[] rectangle = [new(0, 0), new(300, 0), new(300, 64), new(0, 64)];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = h.Map(rectangle[i].X, rectangle[i].Y);
            Assert.Equal(Plate[i].X, x, 1e-3);
            Assert.Equal(Plate[i].Y, y, 1e-3);
        }
    }

    [Fact]
    public void The_inverse_maps_back() =>
        Gen.Select(Gen.Double[0, 300], Gen.Double[0, 64]).Sample((x, y) =>
        {
            var h = PerspectiveTransform.FromRectangle(300, 64, Plate);
            var (u, v) = h.Map(x, y);
            var (bx, by) = h.Invert().Map(u, v);
            return Math.Abs(bx - x) < 1e-6 && Math.Abs(by - y) < 1e-6;
        });

    [Fact]
    public void An_affine_map_is_found_exactly()
    {
        var h = PerspectiveTransform.FromPoints([new(0, 0), new(1, 0), new(1, 1), new(0, 1)], [new(10, 20), new(12, 20), new(12, 23), new(10, 23)]);

        double[] expected = [2, 0, 10, 0, 3, 20, 0, 0, 1];
        double[] actual = [h.M00, h.M01, h.M02, h.M10, h.M11, h.M12, h.M20, h.M21, h.M22];
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-12));
        var identity = PerspectiveTransform.FromPoints(Plate, Plate);
        Assert.All(
            new[] { identity.M00 - 1, identity.M01, identity.M02, identity.M10, identity.M11 - 1, identity.M12, identity.M20, identity.M21 },
            e => Assert.True(Math.Abs(e) < 1e-9, $"identity element off by {e}"));
    }

    [Fact]
    public void Degenerate_corners_and_a_wrong_count_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PerspectiveTransform.FromPoints([new(0, 0), new(1, 1), new(2, 2), new(3, 3)], Plate));
        Assert.Throws<ArgumentException>(() => PerspectiveTransform.FromPoints(Plate.AsSpan(0, 3), Plate.AsSpan(0, 3)));
        Assert.Throws<InvalidOperationException>(() => new PerspectiveTransform(1, 2, 3, 2, 4, 6, 0, 0, 1).Invert());
    }
}
