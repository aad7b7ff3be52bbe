using Lpr.Core.Imaging;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// The projective map taking four source points to four destination points, as a Skia matrix: the runtime's
/// <see cref="PerspectiveTransform"/> (the same solution the locators rectify plates with), rounded to float.
/// </summary>
public static class Homography
{
    /// <summary>Maps <paramref name="from"/>[i] to <paramref name="to"/>[i] for the 4 corners.</summary>
    /// <exception cref="ArgumentException">Degenerate corners (three on a line).</exception>
    public static SKMatrix FromPoints(ReadOnlySpan<SKPoint> from, ReadOnlySpan<SKPoint> to)
    {
        if (from.Length != 4 || to.Length != 4)
        {
            throw new ArgumentException("A homography needs exactly 4 point pairs.", nameof(from));
        }

        Span<PointF32> source = stackalloc PointF32[4];
        Span<PointF32> target = stackalloc PointF32[4];
        for (var i = 0; i < 4; i++)
        {
            source[i] = new PointF32(from[i].X, from[i].Y);
            target[i] = new PointF32(to[i].X, to[i].Y);
        }

        var m = PerspectiveTransform.FromPoints(source, target);
        return new SKMatrix(
            (float)m.M00, (float)m.M01, (float)m.M02,
            (float)m.M10, (float)m.M11, (float)m.M12,
            (float)m.M20, (float)m.M21, 1f);
    }

    public static SKMatrix FromRectangle(float width, float height, ReadOnlySpan<SKPoint> to) =>
        FromPoints([new SKPoint(0, 0), new SKPoint(width, 0), new SKPoint(width, height), new SKPoint(0, height)], to);
}
