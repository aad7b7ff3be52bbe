using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// The two operations drawn plate glyphs are built from: a centre line stroked to an outline with square (butt) ends,
/// as the standard's monoline lettering has, and the union of two outlines into one contour set.
/// </summary>
internal static class GlyphStrokes
{
    public static SKPath Outline(SKPath centreLine, float width, SKStrokeJoin join = SKStrokeJoin.Round)
    {
        using var paint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Butt, StrokeJoin = join, StrokeMiter = 3f, IsAntialias = true };
        var outline = new SKPath();
        paint.GetFillPath(centreLine, outline);
        return outline;
    }

    /// <summary>The union of <paramref name="a"/> and <paramref name="b"/>; both are disposed.</summary>
    public static SKPath Union(SKPath a, SKPath b)
    {
        using (a)
        using (b)
        {
            return a.Op(b, SKPathOp.Union) ?? throw new InvalidOperationException("Cannot merge the strokes of a glyph outline.");
        }
    }
}
