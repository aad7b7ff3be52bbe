using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// Outlines of every character a plate needs, taken once from one typeface at a reference size:
/// drawing a cached path under a matrix is cheaper than shaping text per sample, and the same
/// path serves the colour image, the embossing and the character mask.
/// </summary>
public sealed class GlyphSet : IDisposable
{
    private readonly Dictionary<char, (SKPath Path, SKRect Bounds)> glyphs;
    private readonly Dictionary<char, (SKPath Path, SKRect Bounds)> boldGlyphs;

    internal GlyphSet(string name, bool hasHangul, Dictionary<char, (SKPath Path, SKRect Bounds)> glyphs, float boldStroke, bool trueProportions = false)
    {
        Name = name;
        HasHangul = hasHangul;
        TrueProportions = trueProportions;
        this.glyphs = glyphs;

        // A heavier variant of every outline, stroked once here: stroking per draw is the costliest part of rendering.
        boldGlyphs = [];
        using var paint = new SKPaint { Style = SKPaintStyle.StrokeAndFill, StrokeWidth = boldStroke, StrokeJoin = SKStrokeJoin.Miter };
        foreach (var (c, (path, _)) in glyphs)
        {
            var bold = new SKPath();
            paint.GetFillPath(path, bold);
            boldGlyphs[c] = (bold, bold.TightBounds);
        }
    }

    /// <summary>Font file name (and face), for diagnostics.</summary>
    public string Name { get; }

    /// <summary>True when the set holds every plate syllable and region syllable, false for digit-only fonts.</summary>
    public bool HasHangul { get; }

    /// <summary>
    /// True when the outlines already have the plate lettering's proportions (<see cref="StandardDigitGlyphs"/>), so
    /// they are placed without the condensing that text faces need.
    /// </summary>
    public bool TrueProportions { get; }

    public (SKPath Path, SKRect Bounds) this[char c] => glyphs.TryGetValue(c, out var g)
        ? g
        : throw new KeyNotFoundException($"Font {Name} has no outline for '{c}'.");

    /// <summary>The outline of <paramref name="c"/>, heavier when <paramref name="bold"/> (plate strokes are 8–10 mm on a 74 mm digit).</summary>
    public (SKPath Path, SKRect Bounds) Get(char c, bool bold) => bold ? boldGlyphs.TryGetValue(c, out var g) ? g : this[c] : this[c];

    public bool Contains(char c) => glyphs.ContainsKey(c);

    public void Dispose()
    {
        foreach (var (path, _) in glyphs.Values.Concat(boldGlyphs.Values))
        {
            path.Dispose();
        }

        glyphs.Clear();
        boldGlyphs.Clear();
    }
}
