using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// The plate digits drawn from the measurements of the national standard's digit drawings (annexes 2 and 2-1): a
/// monoline grotesque about 74 mm tall and 38–48 mm wide with square stroke ends and ~9 mm strokes, a stadium-shaped
/// 0, a flagged 1 without a foot, a flat-topped 3, a 4 whose bar runs past the stem, straight-diagonal 6 and 9, a 7
/// with a spur down from the left end of its bar, and an 8 with the wider bowl below. No font on a Debian machine
/// has these shapes (text faces curl the 6 and 9, round the 3 and foot the 1), and a recognizer trained on text faces
/// confuses exactly those digits on real plates. Outlines are strokes of centre lines, in millimetres, y down.
/// </summary>
public static class StandardDigitGlyphs
{
    /// <summary>Digit height (mm) in the drawings.</summary>
    public const float Height = 74f;

    /// <summary>Stroke width (mm): verticals 8.3–10.6, horizontals 8.3–9.2 in the drawings.</summary>
    public const float Stroke = 9.2f;

    private const float C = Stroke / 2;

    /// <summary>The ten digits as a glyph set that keeps its drawn proportions when placed.</summary>
    public static GlyphSet Create()
    {
        var glyphs = new Dictionary<char, (SKPath Path, SKRect Bounds)>();
        for (var d = '0'; d <= '9'; d++)
        {
            var path = Draw(d);
            glyphs[d] = (path, path.TightBounds);
        }

        // Bold here is wear and blooming, not another weight: the drawn strokes already have the plate's weight.
        return new GlyphSet("standard plate digits (drawn)", hasHangul: false, glyphs, boldStroke: 1.4f, trueProportions: true);
    }

    /// <summary>The outline of digit <paramref name="digit"/> (0–9), in millimetres within its glyph box.</summary>
    public static SKPath Draw(char digit) => digit switch
    {
        '0' => Zero(),
        '1' => One(),
        '2' => Two(),
        '3' => Three(),
        '4' => Four(),
        '5' => Five(),
        '6' => Six(),
        '7' => Seven(),
        '8' => Eight(),
        '9' => Nine(),
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "Only the digits 0-9 are drawn."),
    };

    private static SKPath Zero()
    {
        const float W = 40.9f;
        using var line = new SKPath();
        var r = (W / 2) - C;
        line.AddRoundRect(new SKRect(C, C, W - C, Height - C), r, r);
        return Outline(line);
    }

    private static SKPath One()
    {
        const float W = 25.7f;
        using var line = new SKPath();
        var stem = W - C;
        line.MoveTo(stem, Height);
        line.LineTo(stem, C);
        using var flag = new SKPath();
        flag.MoveTo(0.8f, 21f);
        flag.CubicTo(7f, 17.5f, stem - 4f, 10f, stem, 1.5f);
        return Union(Outline(line), Outline(flag, 8.2f));
    }

    private static SKPath Two()
    {
        const float W = 40.1f;
        var r = (W / 2) - C;
        using var line = new SKPath();
        line.MoveTo(C, 21f);
        line.ArcTo(new SKRect(C, C, W - C, C + (2 * r)), 180, 180, forceMoveTo: false);
        line.CubicTo(W - C, 33f, C + 6f, 50f, C + 0.5f, Height - C);
        line.LineTo(W, Height - C);
        return Outline(line, Stroke, SKStrokeJoin.Miter);
    }

    private static SKPath Three()
    {
        const float W = 39.4f;
        const float BowlTop = 29f;
        var rx = (W / 2) - C + 0.6f;
        var bowl = new SKRect((W / 2) - rx + 0.6f, BowlTop, (W / 2) + rx + 0.6f, Height - C);
        using var line = new SKPath();
        line.MoveTo(0.5f, C);
        line.LineTo(W - C - 2f, C);
        line.LineTo(bowl.MidX - 3f, BowlTop);
        line.LineTo(bowl.MidX, BowlTop);
        line.ArcTo(bowl, -90, 235, forceMoveTo: false);
        return Outline(line, Stroke, SKStrokeJoin.Miter);
    }

    private static SKPath Four()
    {
        const float W = 48f;
        const float StemX = 30.7f + C;
        const float BarY = 52f + (8.3f / 2);
        using var stem = new SKPath();
        stem.MoveTo(StemX, 0);
        stem.LineTo(StemX, Height);
        using var line = new SKPath();
        line.MoveTo(StemX, 2f);
        line.LineTo(C + 4.5f, BarY); // the mitred corner then reaches the left edge
        line.LineTo(W, BarY);
        return Union(Outline(stem), Outline(line, Stroke, SKStrokeJoin.Miter));
    }

    private static SKPath Five()
    {
        const float W = 38.3f;
        const float BowlTop = 30f;
        var bowl = new SKRect(C + 0.3f, BowlTop, W - C, Height - C);
        using var line = new SKPath();
        line.MoveTo(W, C);
        line.LineTo(C + 2f, C);
        line.LineTo(C + 0.5f, 41.7f - 3f);
        line.ArcTo(bowl, -155, 285, forceMoveTo: false);
        return Outline(line, Stroke, SKStrokeJoin.Miter);
    }

    private static SKPath Six()
    {
        const float W = 44.6f;
        var bowl = new SKRect(C, Height - 45.6f + C, W - C, Height - C);
        using var tail = new SKPath();
        tail.MoveTo(22.5f, 0.5f);
        tail.LineTo(TangentFrom(new SKPoint(22.5f, 0.5f), bowl));
        using var ring = new SKPath();
        ring.AddOval(bowl);
        return Union(Outline(tail, 10.5f), Outline(ring));
    }

    private static SKPath Seven()
    {
        const float W = 44.4f;
        using var line = new SKPath();
        line.MoveTo(C + 0.3f, 19.4f);
        line.LineTo(C + 0.3f, C);
        line.LineTo(W - C, C);
        line.LineTo(14.9f, Height - 1.6f); // the butt end of the slanted stem reaches the baseline
        return Outline(line, Stroke, SKStrokeJoin.Miter);
    }

    private static SKPath Eight()
    {
        const float W = 44f;
        const float TopWidth = 41f;
        using var top = new SKPath();
        top.AddOval(new SKRect(((W - TopWidth) / 2) + C, C, ((W + TopWidth) / 2) - C, 8.9f + 22.9f + 4.5f - C + 0.5f));
        using var bottom = new SKPath();
        bottom.AddOval(new SKRect(C, 8.9f + 22.9f + 4.5f - C - 4f, W - C, Height - C));
        return Union(Outline(top), Outline(bottom));
    }

    /// <summary>The 6 turned upside down, as the standard draws it.</summary>
    private static SKPath Nine()
    {
        var six = Six();
        var bounds = six.TightBounds;
        six.Transform(SKMatrix.CreateRotationDegrees(180, bounds.MidX, bounds.MidY));
        return six;
    }

    /// <summary>Where a straight stroke from <paramref name="from"/> (above the oval) touches the oval's left side.</summary>
    private static SKPoint TangentFrom(SKPoint from, SKRect oval)
    {
        var (cx, cy, rx, ry) = (oval.MidX, oval.MidY, oval.Width / 2, oval.Height / 2);
        // On the left upper quarter, the cross product of (point - from) and the tangent changes sign once.
        double Cross(double t)
        {
            var (x, y) = (cx + (rx * Math.Cos(t)), cy + (ry * Math.Sin(t)));
            var (tx, ty) = (-rx * Math.Sin(t), ry * Math.Cos(t));
            return ((x - from.X) * ty) - ((y - from.Y) * tx);
        }

        double lo = Math.PI, hi = 1.5 * Math.PI;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (Math.Sign(Cross(mid)) == Math.Sign(Cross(lo)))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new SKPoint((float)(cx + (rx * Math.Cos(lo))), (float)(cy + (ry * Math.Sin(lo))));
    }

    private static SKPath Outline(SKPath centreLine, float width = Stroke, SKStrokeJoin join = SKStrokeJoin.Round) =>
        GlyphStrokes.Outline(centreLine, width, join);

    private static SKPath Union(SKPath a, SKPath b) => GlyphStrokes.Union(a, b);
}
