using Lpr.Core.Imaging;
using Lpr.EdgeAgent.Options;

namespace Lpr.EdgeAgent.Tests.Options;

public sealed class GeometryTextTests
{
    [Fact]
    public void Parses_polygons_and_rectangles()
    {
        Assert.Null(GeometryText.TryParsePolygon("0,0 100.5,0;100,50", out var polygon));
        Assert.Equal([new PointF32(0, 0), new PointF32(100.5f, 0), new PointF32(100, 50)], polygon);
        Assert.Null(GeometryText.TryParseRect("10, 20, 300, 80", out var rect));
        Assert.Equal(new PixelRect(10, 20, 300, 80), rect);
    }

    [Theory]
    [InlineData("0,0 1,1")]
    [InlineData("0,0 1,1 a,2")]
    [InlineData("0,0 1,1 -2,2")]
    public void Refuses_bad_polygons(string text) => Assert.NotNull(GeometryText.TryParsePolygon(text, out _));

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1,2,0,4")]
    [InlineData("1,2,3,x")]
    public void Refuses_bad_rectangles(string text) => Assert.NotNull(GeometryText.TryParseRect(text, out _));
}
