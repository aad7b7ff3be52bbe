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
        var x0 = Math.Max(X, other.X);
        var y0 = Math.Max(Y, other.Y);
        var x1 = Math.Min(Right, other.Right);
        var y1 = Math.Min(Bottom, other.Bottom);
        if (x1 <= x0 || y1 <= y0)
        {
            return 0;
        }

        var intersection = (double)(x1 - x0) * (y1 - y0);
        return intersection / (Area + other.Area - intersection);
    }
}
