using Lpr.Core.Plates;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// The 40 plate syllables drawn after the national standard's Hangul drawings (annexes 2 and 2-1, PLATE_SPECS.md §4.5):
/// 64.8 mm tall, 44–48 mm wide, vertical strokes 8.2 mm, horizontal strokes 7.2 mm, square ends. Every plate syllable
/// is an initial consonant and a vowel without a final, so each is composed from one of ten consonant drawings placed
/// beside (ㅏ ㅓ ㅐ) or above (ㅗ ㅜ) the vowel, in the boxes the drawings of 가 나 다 라 하 허 호 measure. Text faces
/// draw these syllables with thinner, tapered strokes and a different ㅎ and ㅈ; a recognizer that has only seen them
/// confuses 주/루, 버/허 and 오/모 on real plates. Outlines are in millimetres, y down.
/// </summary>
public static class StandardHangulGlyphs
{
    /// <summary>Syllable height (mm) in the drawings.</summary>
    public const float Height = 64.8f;

    /// <summary>Width (mm) of vertical strokes in the drawings.</summary>
    public const float VerticalStroke = 8.2f;

    /// <summary>Width (mm) of horizontal strokes in the drawings.</summary>
    public const float HorizontalStroke = 7.2f;

    /// <summary>Curves (ㄱ beside a vowel, ㅅ, ㅈ) are drawn between the two straight widths.</summary>
    private const float CurvedStroke = 7.8f;

    /// <summary>The ㅏ/ㅓ branch: 26.4 mm below the glyph top in every drawing, 5.8 mm long.</summary>
    private const float BranchTop = 26.4f;

    private const float BranchLength = 5.8f;

    private const float V = VerticalStroke;
    private const float S = HorizontalStroke;

    private enum Consonant { Giyeok, Nieun, Digeut, Rieul, Mieum, Bieup, Siot, Ieung, Jieut, Hieut }

    private enum Vowel { A, Ae, Eo, O, U }

    /// <summary>The 40 plate syllables as a glyph set that keeps its drawn proportions when placed.</summary>
    public static GlyphSet Create()
    {
        var glyphs = new Dictionary<char, (SKPath Path, SKRect Bounds)>();
        foreach (var syllable in PlateVocabulary.AllHangul.Select(h => h[0]))
        {
            var path = Draw(syllable);
            glyphs[syllable] = (path, path.TightBounds);
        }

        // Bold here is wear and blooming, not another weight: the drawn strokes already have the plate's weight.
        return new GlyphSet("standard plate syllables (drawn)", hasHangul: false, glyphs, boldStroke: 1.4f, trueProportions: true);
    }

    /// <summary>The outline of a plate syllable, in millimetres within its glyph box.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The syllable is not one a plate carries.</exception>
    public static SKPath Draw(char syllable)
    {
        var (consonant, vowel) = Decompose(syllable);
        var parts = new List<SKPath>();
        SKRect box;
        var beside = true;
        switch (vowel)
        {
            case Vowel.A:
                parts.Add(Rect(32.8f, 0, 41f, Height));
                parts.Add(Rect(41f, BranchTop, 41f + BranchLength, BranchTop + S));
                box = new SKRect(0, 0, 28.6f, BottomBeside(consonant));
                break;
            case Vowel.Eo:
                parts.Add(Rect(39.8f, 0, 48f, Height));
                parts.Add(Rect(39.8f - BranchLength, BranchTop, 39.8f, BranchTop + S));
                box = new SKRect(0, 0, 30.4f, BottomBeside(consonant));
                break;
            case Vowel.Ae:
                parts.Add(Rect(25.4f, 0, 25.4f + V, Height));
                parts.Add(Rect(25.4f + V, BranchTop, 38.6f, BranchTop + S));
                parts.Add(Rect(38.6f, 0, 38.6f + V, Height));
                box = new SKRect(0, 0, 21.6f, BottomBeside(consonant));
                break;
            case Vowel.O:
                {
                    // The 호 drawing: a bar the full width at the foot, a short stem up to the consonant.
                    const float W = 44.2f;
                    parts.Add(Rect(0, Height - S, W, Height));
                    parts.Add(Rect((W - V) / 2, 40f, (W + V) / 2, Height - S));
                    box = new SKRect(3f, 0, W - 3f, 41.5f);
                    beside = false;
                    break;
                }

            default:
                {
                    // ㅜ: the bar a little below the middle, the stem down to the foot.
                    const float W = 44.2f;
                    const float BarTop = 37f;
                    parts.Add(Rect(0, BarTop, W, BarTop + S));
                    parts.Add(Rect((W - V) / 2, BarTop + S, (W + V) / 2, Height));
                    box = new SKRect(3f, 0, W - 3f, BarTop - 4.4f);
                    beside = false;
                    break;
                }
        }

        parts.Add(DrawConsonant(consonant, box, beside));
        return UnionAll(parts);
    }

    private static (Consonant Consonant, Vowel Vowel) Decompose(char syllable)
    {
        // Conjoining jamo: leads from U+1100 in the order ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ …, vowels from U+1161 (ㅏ ㅐ ㅑ ㅒ ㅓ …).
        var jamo = HangulComposition.Decompose(syllable.ToString());
        Consonant? consonant = jamo.Length != 2 ? null : jamo[0] switch
        {
            '\u1100' => Consonant.Giyeok, '\u1102' => Consonant.Nieun, '\u1103' => Consonant.Digeut, '\u1105' => Consonant.Rieul, '\u1106' => Consonant.Mieum,
            '\u1107' => Consonant.Bieup, '\u1109' => Consonant.Siot, '\u110B' => Consonant.Ieung, '\u110C' => Consonant.Jieut, '\u1112' => Consonant.Hieut,
            _ => null,
        };
        Vowel? vowel = jamo.Length != 2 ? null : jamo[1] switch { '\u1161' => Vowel.A, '\u1162' => Vowel.Ae, '\u1165' => Vowel.Eo, '\u1169' => Vowel.O, '\u116E' => Vowel.U, _ => null };
        return consonant is null || vowel is null
            ? throw new ArgumentOutOfRangeException(nameof(syllable), syllable, "Not a syllable that Korean plates carry (an initial and a vowel, no final).")
            : (consonant.Value, vowel.Value);
    }

    /// <summary>How far down a consonant beside a vertical vowel reaches: 56.7 mm for the square ones (나 다 라), lower for round and slanted ones.</summary>
    private static float BottomBeside(Consonant consonant) => consonant switch
    {
        Consonant.Hieut => 59.5f,
        Consonant.Giyeok or Consonant.Siot or Consonant.Jieut or Consonant.Ieung => 58.4f,
        _ => 56.7f,
    };

    /// <summary>The consonant drawn into <paramref name="box"/>, clipped to it so slanted strokes end square on its edges.</summary>
    private static SKPath DrawConsonant(Consonant consonant, SKRect box, bool beside)
    {
        var (l, t, r, b) = (box.Left, box.Top, box.Right, box.Bottom);
        var (w, h) = (box.Width, box.Height);

        // Short consonants above a vowel keep three bars and two counters apart by thinning the bars, as the drawings do.
        var s = Math.Min(S, h / 5.2f);
        var parts = new List<SKPath>();
        switch (consonant)
        {
            case Consonant.Giyeok:
                parts.Add(Rect(l, t, r, t + s));
                if (beside)
                {
                    using var line = new SKPath();
                    line.MoveTo(r - (V / 2), t + (s / 2));
                    line.LineTo(r - (V / 2), t + (0.3f * h));
                    line.CubicTo(r - (V / 2), t + (0.68f * h), l + (0.45f * w), b - (0.12f * h), l - 1f, b + 3f);
                    parts.Add(GlyphStrokes.Outline(line, CurvedStroke, SKStrokeJoin.Miter));
                }
                else
                {
                    parts.Add(Rect(r - V, t, r, b));
                }

                break;
            case Consonant.Nieun:
                parts.Add(Rect(l, t, l + V, b));
                parts.Add(Rect(l, b - s, r, b));
                break;
            case Consonant.Digeut:
                parts.Add(Rect(l, t, r, t + s));
                parts.Add(Rect(l, t, l + V, b));
                parts.Add(Rect(l, b - s, r, b));
                break;
            case Consonant.Rieul:
                {
                    var mid = (t + b - s) / 2;
                    parts.Add(Rect(l, t, r, t + s));
                    parts.Add(Rect(l, mid, r, mid + s));
                    parts.Add(Rect(l, b - s, r, b));
                    parts.Add(Rect(r - V, t, r, mid + s));
                    parts.Add(Rect(l, mid, l + V, b));
                    break;
                }

            case Consonant.Mieum:
                AddPostsAndFoot(parts, box, s);
                parts.Add(Rect(l, t, r, t + s));
                break;
            case Consonant.Bieup:
                AddPostsAndFoot(parts, box, s);
                parts.Add(Rect(l, t + (0.4f * h), r, t + (0.4f * h) + s));
                break;

            case Consonant.Siot:
                parts.Add(Siot(l, t - 4f, r, b, t));
                break;
            case Consonant.Jieut:
                parts.Add(Rect(l, t, r, t + s));
                parts.Add(Siot(l, t + s - 3f, r, b, t + s));
                break;
            case Consonant.Ieung:
                parts.Add(Ring(box));
                break;
            case Consonant.Hieut:
                {
                    // The 허 drawing: a short tick, a bar, then a ring under a small gap.
                    var tick = 0.115f * h;
                    var cx = (l + r) / 2;
                    parts.Add(Rect(cx - 3.9f, t, cx + 3.9f, t + tick + 0.5f));
                    parts.Add(Rect(l, t + tick, r, t + tick + s));
                    parts.Add(Ring(new SKRect(l + (0.04f * w), t + tick + s + (0.045f * h), r - (0.04f * w), b)));
                    break;
                }
        }

        using var union = UnionAll(parts);
        using var clip = new SKPath();
        clip.AddRect(box);
        return union.Op(clip, SKPathOp.Intersect) ?? throw new InvalidOperationException($"Cannot clip the consonant {consonant}.");
    }

    /// <summary>What ㅁ and ㅂ share: a post down each side and a bar along the foot.</summary>
    private static void AddPostsAndFoot(List<SKPath> parts, SKRect box, float bar)
    {
        parts.Add(Rect(box.Left, box.Top, box.Left + V, box.Bottom));
        parts.Add(Rect(box.Right - V, box.Top, box.Right, box.Bottom));
        parts.Add(Rect(box.Left, box.Bottom - bar, box.Right, box.Bottom));
    }

    /// <summary>ㅅ: a left leg from the apex (<paramref name="apexY"/>, above the box) and a right leg from the left leg's middle.</summary>
    private static SKPath Siot(float l, float apexY, float r, float b, float top)
    {
        var (cx, h) = ((l + r) / 2, b - top);
        var w = r - l;
        using var left = new SKPath();
        left.MoveTo(cx, apexY);
        left.CubicTo(cx, top + (0.4f * h), l + (0.3f * w), b - (0.18f * h), l - 1f, b + 3f);
        // The right leg starts inside the left one, so its square start end stays hidden in the left stroke.
        using var right = new SKPath();
        right.MoveTo(cx - 0.3f, top + (0.26f * h));
        right.CubicTo(cx + (0.02f * w), top + (0.55f * h), r - (0.22f * w), b - (0.12f * h), r + 1f, b + 3f);
        return GlyphStrokes.Union(GlyphStrokes.Outline(left, CurvedStroke), GlyphStrokes.Outline(right, CurvedStroke));
    }

    /// <summary>ㅇ: an oval ring, its sides as thick as the verticals and its top and foot as the horizontals.</summary>
    private static SKPath Ring(SKRect outer)
    {
        var ring = new SKPath();
        ring.AddOval(outer, SKPathDirection.Clockwise);
        var inner = outer;
        inner.Inflate(-Math.Min(7.7f, outer.Width / 3.2f), -Math.Min(S, outer.Height / 3.2f));
        ring.AddOval(inner, SKPathDirection.CounterClockwise);
        return ring;
    }

    private static SKPath Rect(float left, float top, float right, float bottom)
    {
        var path = new SKPath();
        path.AddRect(new SKRect(left, top, right, bottom));
        return path;
    }

    /// <summary>The union of every part (all disposed), merged one by one: Skia's batch union mis-fills shared edges.</summary>
    private static SKPath UnionAll(List<SKPath> parts)
    {
        var result = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            result = GlyphStrokes.Union(result, parts[i]);
        }

        return result;
    }
}
