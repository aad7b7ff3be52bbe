namespace Lpr.Core.Imaging;

/// <summary>An axis-aligned rectangle in frame pixels.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => (long)Width * Height;

    /// <summary>Intersection over union, 0 when the rectangles do not overlap.</summary>
    public double IntersectionOverUnion(PixelRect other)
    {
        var intersection = IntersectionArea(other);
        return intersection == 0 ? 0 : intersection / (Area + other.Area - intersection);
    }

    /// <summary>The share of the smaller rectangle that lies in the other: 1 when one contains the other.</summary>
    public double Containment(PixelRect other)
    {
        var smaller = Math.Min(Area, other.Area);
        return smaller == 0 ? 0 : IntersectionArea(other) / smaller;
    }

    private double IntersectionArea(PixelRect other)
    {
        var x0 = Math.Max(X, other.X);
        var y0 = Math.Max(Y, other.Y);
        var x1 = Math.Min(Right, other.Right);
        var y1 = Math.Min(Bottom, other.Bottom);
        return x1 <= x0 || y1 <= y0 ? 0 : (double)(x1 - x0) * (y1 - y0);
    }
}
