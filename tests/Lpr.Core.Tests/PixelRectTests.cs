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
}
