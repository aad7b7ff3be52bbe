using Lpr.Core.Imaging;

namespace Lpr.Core.Tests;

public class PixelRectTests
{
    [Fact]
    public void Iou_of_identical_rectangles_is_one_and_of_disjoint_is_zero()
    {
        var a = new PixelRect(10, 10, 20, 10);
        Assert.Equal(1.0, a.IntersectionOverUnion(a), 9);
        Assert.Equal(0.0, a.IntersectionOverUnion(new PixelRect(40, 10, 5, 5)));
        Assert.Equal(1.0 / 3.0, a.IntersectionOverUnion(new PixelRect(20, 10, 20, 10)), 9);
    }

    [Fact]
    public void Containment_is_the_share_of_the_smaller_rectangle_inside_the_other()
    {
        var outer = new PixelRect(0, 0, 100, 40);
        Assert.Equal(1.0, outer.Containment(new PixelRect(10, 10, 50, 20)), 9);
        Assert.Equal(1.0, new PixelRect(10, 10, 50, 20).Containment(outer), 9);
        Assert.Equal(0.5, outer.Containment(new PixelRect(90, 0, 20, 40)), 9);
        Assert.Equal(0.0, outer.Containment(new PixelRect(200, 0, 20, 40)));
        Assert.Equal(0.0, outer.Containment(new PixelRect(10, 10, 0, 0)));
    }
}
