using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using SkiaSharp;

namespace Lpr.Synth.Tests;

/// <summary>
/// The drawn plate digits against the standard's digit drawings: sizes in millimetres, the counters (holes) each shape
/// has and where, and how often the generator uses them.
/// </summary>
public sealed class StandardDigitGlyphsTests
{
    private const float PixelsPerMm = 4;

    /// <summary>Glyph width (mm) of each digit in annex 2-1, and its closed counters: 0 one, 4 its triangle, 6 and 9 a bowl, 8 two.</summary>
    public static TheoryData<char, float, int> Drawings => new()
    {
        { '0', 40.9f, 1 }, { '1', 25.7f, 0 }, { '2', 40.1f, 0 }, { '3', 39.4f, 0 }, { '4', 48.0f, 1 },
        { '5', 38.3f, 0 }, { '6', 44.6f, 1 }, { '7', 44.4f, 0 }, { '8', 44.0f, 2 }, { '9', 44.6f, 1 },
    };

    [Theory]
    [MemberData(nameof(Drawings))]
    public void Each_digit_has_the_drawings_size_and_counters(char digit, float width, int counters)
    {
        using var path = StandardDigitGlyphs.Draw(digit);
        var bounds = path.TightBounds;

        Assert.InRange(bounds.Height, StandardDigitGlyphs.Height - 1.5f, StandardDigitGlyphs.Height + 1.5f);
        Assert.InRange(bounds.Width, width - 2f, width + 2f);
        Assert.Equal(counters, CountHoles(Rasterize(path)));
    }

    [Theory]
    [InlineData('6', 0.55, 1.0)] // the bowl below a straight diagonal
    [InlineData('9', 0.0, 0.45)] // the bowl above
    [InlineData('4', 0.25, 0.75)] // the triangle between diagonal, stem and bar
    public void The_counter_sits_where_the_drawing_has_it(char digit, double fromHeight, double toHeight)
    {
        using var path = StandardDigitGlyphs.Draw(digit);
        var ink = Rasterize(path);

        var centre = HoleCentreY(ink) / ink.GetLength(0);

        Assert.InRange(centre, fromHeight, toHeight);
    }

    [Fact]
    public void The_generator_draws_the_configured_share_of_plates_with_them()
    {
        using var fonts = FontLibrary.Load(new FontOptions { StandardDigitsProbability = 0.6 });
        var random = new Random(7);
        var hangul = fonts.HangulFonts[0];
        var picks = Enumerable.Range(0, 10_000).Select(_ => fonts.PickDigits(hangul, random)).ToList();

        Assert.InRange(picks.Count(p => ReferenceEquals(p, fonts.StandardDigits)) / 10_000.0, 0.57, 0.63);
        Assert.InRange(picks.Count(p => ReferenceEquals(p, hangul)) / 10_000.0, 0.21, 0.27); // 60 % of the other 40 %
        Assert.All(fonts.DigitFonts.Where(f => !f.HasHangul), f => Assert.Contains(f, picks)); // the Latin digit faces too
        Assert.True(fonts.StandardDigits.TrueProportions);
    }

    [Fact]
    public void A_share_out_of_range_is_refused_naming_the_key()
    {
        var error = Assert.Throws<SynthConfigException>(() => SynthConfig.Parse("""{ "fonts": { "standardDigitsProbability": 1.5 } }"""));

        Assert.Contains("fonts.standardDigitsProbability must be between 0 and 1, got 1.5", error.Message, StringComparison.Ordinal);
    }

    private static bool[,] Rasterize(SKPath path)
    {
        var bounds = path.TightBounds;
        var (w, h) = ((int)Math.Ceiling(bounds.Width * PixelsPerMm) + 4, (int)Math.Ceiling(bounds.Height * PixelsPerMm) + 4);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = false, Style = SKPaintStyle.Fill })
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate(2, 2);
            canvas.Scale(PixelsPerMm);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPath(path, paint);
        }

        var ink = new bool[h, w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                ink[y, x] = bitmap.GetPixel(x, y).Red > 127;
            }
        }

        return ink;
    }

    private static int CountHoles(bool[,] ink) => Holes(ink).Count;

    /// <summary>Mean row of the pixels of every hole.</summary>
    private static double HoleCentreY(bool[,] ink) => Holes(ink).SelectMany(h => h).Average(p => p.Y);

    /// <summary>Background regions not connected to the border (4-connected flood fill), as their pixels.</summary>
    private static List<List<(int X, int Y)>> Holes(bool[,] ink)
    {
        var (h, w) = (ink.GetLength(0), ink.GetLength(1));
        var seen = new bool[h, w];
        var holes = new List<List<(int X, int Y)>>();
        var stack = new Stack<(int X, int Y)>();
        for (var y0 = 0; y0 < h; y0++)
        {
            for (var x0 = 0; x0 < w; x0++)
            {
                if (ink[y0, x0] || seen[y0, x0])
                {
                    continue;
                }

                var region = new List<(int X, int Y)>();
                var border = false;
                stack.Push((x0, y0));
                seen[y0, x0] = true;
                while (stack.TryPop(out var p))
                {
                    region.Add(p);
                    border |= p.X == 0 || p.Y == 0 || p.X == w - 1 || p.Y == h - 1;
                    foreach (var (nx, ny) in new[] { (p.X + 1, p.Y), (p.X - 1, p.Y), (p.X, p.Y + 1), (p.X, p.Y - 1) })
                    {
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && !ink[ny, nx] && !seen[ny, nx])
                        {
                            seen[ny, nx] = true;
                            stack.Push((nx, ny));
                        }
                    }
                }

                if (!border)
                {
                    holes.Add(region);
                }
            }
        }

        return holes;
    }
}
