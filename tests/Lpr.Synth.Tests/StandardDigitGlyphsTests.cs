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

    private static bool[,] Rasterize(SKPath path) => Raster.Draw(path, PixelsPerMm);

    private static int CountHoles(bool[,] ink) => Raster.Holes(ink).Count;

    /// <summary>Mean row of the pixels of every hole.</summary>
    private static double HoleCentreY(bool[,] ink) => Raster.Holes(ink).SelectMany(h => h).Average(p => p.Y);
}
