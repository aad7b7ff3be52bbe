namespace Lpr.Core.Imaging;

/// <summary>A point in frame pixels (sub-pixel precision).</summary>
public readonly record struct PointF32(float X, float Y);

/// <summary>
/// Plate corners in reading order: top-left, top-right, bottom-right, bottom-left.
/// A quadrilateral rather than a box, so a tilted plate can be rectified before recognition.
/// </summary>
public readonly record struct Quad(PointF32 TopLeft, PointF32 TopRight, PointF32 BottomRight, PointF32 BottomLeft)
{
    public static Quad FromRect(PixelRect r) => new(
        new PointF32(r.X, r.Y),
        new PointF32(r.Right, r.Y),
        new PointF32(r.Right, r.Bottom),
        new PointF32(r.X, r.Bottom));

    /// <summary>The smallest integer rectangle containing all four corners.</summary>
    public PixelRect Bounds()
    {
        var minX = MathF.Min(MathF.Min(TopLeft.X, TopRight.X), MathF.Min(BottomRight.X, BottomLeft.X));
        var minY = MathF.Min(MathF.Min(TopLeft.Y, TopRight.Y), MathF.Min(BottomRight.Y, BottomLeft.Y));
        var maxX = MathF.Max(MathF.Max(TopLeft.X, TopRight.X), MathF.Max(BottomRight.X, BottomLeft.X));
        var maxY = MathF.Max(MathF.Max(TopLeft.Y, TopRight.Y), MathF.Max(BottomRight.Y, BottomLeft.Y));
        var x = (int)MathF.Floor(minX);
        var y = (int)MathF.Floor(minY);
        return new PixelRect(x, y, (int)MathF.Ceiling(maxX) - x, (int)MathF.Ceiling(maxY) - y);
    }
}
