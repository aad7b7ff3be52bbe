using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// The third cue of <see cref="ClassicalPlateLocator"/>: a plate is a row of same-height glyphs, whatever
/// happens to its outline (merged with a bumper edge, half in shadow, cut by the frame). Adaptive threshold in
/// both polarities (dark on white or yellow, white on green) → connected components shaped like glyphs →
/// chains of neighbours of similar height on one line → a least-squares line through their centres gives the
/// plate's tilt, and the row's extent and glyph height give its outline by the national layouts: a long row is
/// a one-row plate (glyphs 74–83 mm of its 110), a short row the bottom row of a two-row plate (92 of 170 mm,
/// with the region row above). Working matrices are reused across frames: one instance per locator.
/// </summary>
internal sealed class CharacterRowFinder : IDisposable
{
    private const int MinGlyphHeight = 9;
    private const int MinRowGlyphs = 4;

    private readonly Mat binary = new();
    private readonly Mat labels = new();
    private readonly Mat stats = new();
    private readonly Mat centroids = new();
    private readonly List<Glyph> glyphs = [];

    /// <summary>Adds the glyph-row candidates of <paramref name="gray"/> to <paramref name="found"/>.</summary>
    public void Find(Mat gray, ClassicalLocatorOptions options, List<(Quad Corners, float Score)> found)
    {
        var maxGlyphHeight = Math.Max(MinGlyphHeight + 1, (int)(gray.Height * 0.2));

        // The block spans a few glyphs of a mid-sized plate, so the local mean is the board's colour.
        var block = (Math.Max(15, gray.Height / 24) | 1);
        foreach (var type in (ReadOnlySpan<ThresholdTypes>)[ThresholdTypes.BinaryInv, ThresholdTypes.Binary])
        {
            Cv2.AdaptiveThreshold(gray, binary, 255, AdaptiveThresholdTypes.MeanC, type, block, 12);
            CollectGlyphs(maxGlyphHeight);
            FindRows(gray.Width, gray.Height, options, found);
        }
    }

    public void Dispose()
    {
        binary.Dispose();
        labels.Dispose();
        stats.Dispose();
        centroids.Dispose();
    }

    private void CollectGlyphs(int maxGlyphHeight)
    {
        glyphs.Clear();
        var count = Cv2.ConnectedComponentsWithStats(binary, labels, stats, centroids, PixelConnectivity.Connectivity8);
        for (var i = 1; i < count; i++)
        {
            var w = stats.At<int>(i, (int)ConnectedComponentsTypes.Width);
            var h = stats.At<int>(i, (int)ConnectedComponentsTypes.Height);
            var area = stats.At<int>(i, (int)ConnectedComponentsTypes.Area);
            if (h < MinGlyphHeight || h > maxGlyphHeight || w < 2 || w > h * 1.3 || w < h * 0.1)
            {
                continue;
            }

            // Strokes: neither a filled blob (lamp, bolt) nor a hairline outline.
            var fill = area / (double)(w * h);
            if (fill is < 0.15 or > 0.9)
            {
                continue;
            }

            var x = stats.At<int>(i, (int)ConnectedComponentsTypes.Left);
            var y = stats.At<int>(i, (int)ConnectedComponentsTypes.Top);
            glyphs.Add(new Glyph(x, y, w, h));
        }

        glyphs.Sort((a, b) => a.X.CompareTo(b.X));
    }

    private void FindRows(int frameWidth, int frameHeight, ClassicalLocatorOptions options, List<(Quad Corners, float Score)> found)
    {
        Span<int> row = stackalloc int[16];
        var used = new bool[glyphs.Count];
        for (var start = 0; start < glyphs.Count; start++)
        {
            if (used[start])
            {
                continue;
            }

            // Greedy chain to the right: the nearest glyph of similar height on the line of the last one. The gap
            // allows a Hangul syllable whose parts were too small or too wide to count as glyphs.
            var n = 0;
            row[n++] = start;
            var last = glyphs[start];
            for (var j = start + 1; j < glyphs.Count && n < row.Length; j++)
            {
                var g = glyphs[j];
                if (g.X - (last.X + last.W) > 1.7 * last.H)
                {
                    break;
                }

                if (used[j] || g.X <= last.X || Math.Abs(g.H - last.H) > 0.25 * Math.Max(g.H, last.H) || Math.Abs(g.CenterY - last.CenterY) > 0.35 * last.H)
                {
                    continue;
                }

                row[n++] = j;
                last = g;
            }

            if (n < MinRowGlyphs)
            {
                continue;
            }

            foreach (var k in row[..n])
            {
                used[k] = true;
            }

            if (Outline(row[..n], frameWidth, frameHeight, options) is { } candidate)
            {
                found.Add(candidate);
            }
        }
    }

    private (Quad Corners, float Score)? Outline(ReadOnlySpan<int> row, int frameWidth, int frameHeight, ClassicalLocatorOptions options)
    {
        // Least-squares line through the glyph centres: the row's tilt.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var heights = new double[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var g = glyphs[row[i]];
            sx += g.CenterX;
            sy += g.CenterY;
            sxx += g.CenterX * g.CenterX;
            sxy += g.CenterX * g.CenterY;
            heights[i] = g.H;
        }

        var n = row.Length;
        var denominator = (n * sxx) - (sx * sx);
        var slope = denominator > 1e-6 ? ((n * sxy) - (sx * sy)) / denominator : 0;
        if (Math.Abs(Math.Atan(slope) * 180 / Math.PI) > options.MaxTiltDegrees)
        {
            return null;
        }

        Array.Sort(heights);
        var h = heights[n / 2];
        var first = glyphs[row[0]];
        var lastGlyph = glyphs[row[^1]];
        var left = first.X;
        var right = lastGlyph.X + lastGlyph.W;
        var rowWidth = right - left;
        var oneRow = rowWidth > 4.2 * h;

        // Outline in the row's own frame (u along the line, v across it, from the row's centre line).
        double margin, above, below;
        if (oneRow)
        {
            margin = 0.05 * rowWidth;
            above = below = 0.7 * h;
        }
        else
        {
            margin = 0.07 * rowWidth;
            above = 0.5 * h + 0.8 * h;
            below = 0.62 * h;
        }

        var cx = sx / n;
        var cy = sy / n;
        var (cos, sin) = (1 / Math.Sqrt(1 + (slope * slope)), slope / Math.Sqrt(1 + (slope * slope)));
        var u0 = left - cx - margin;
        var u1 = right - cx + margin;
        Point2f At(double u, double v) => new((float)(cx + (u * cos) - (v * sin)), (float)(cy + (u * sin) + (v * cos)));
        Point2f[] corners = [At(u0, -above), At(u1, -above), At(u1, below), At(u0, below)];
        var quad = PlateQuads.Order(corners, frameWidth, frameHeight);
        var width = PlateQuads.Width(quad);
        if (width < options.MinPlateWidth || width > options.MaxPlateWidthFraction * frameWidth)
        {
            return null;
        }

        // The outline must have a plate's shape, as the other cues' must: a row of building windows or a grille is a
        // longer line of same-height blobs than any plate carries.
        var aspect = width / Math.Max(1e-3, PlateQuads.Height(quad));
        if (!options.AdmitsAspect(aspect))
        {
            return null;
        }

        // More glyphs of one height on one line is less likely to be chance (a grille, a brick wall). Capped below
        // a textured outline's score: where both cues see the plate, the outline's true corners win the NMS.
        var score = (float)Math.Min(0.85, 0.4 + (0.07 * n));
        return score >= options.MinScore ? (quad, score) : null;
    }

    private readonly record struct Glyph(int X, int Y, int W, int H)
    {
        public double CenterX => X + (W / 2.0);

        public double CenterY => Y + (H / 2.0);
    }
}
