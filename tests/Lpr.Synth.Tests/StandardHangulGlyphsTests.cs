using Lpr.Core.Plates;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using SkiaSharp;

namespace Lpr.Synth.Tests;

/// <summary>
/// The drawn plate syllables against the standard's Hangul drawings (PLATE_SPECS.md §4.5): glyph height and width in
/// millimetres, stroke widths, the counters each consonant closes, and how often the generator uses them.
/// </summary>
public sealed class StandardHangulGlyphsTests
{
    private const float PixelsPerMm = 4;

    /// <summary>Syllables whose consonant closes a counter: ㅁ, ㅂ (between its bars), ㅇ and the ring of ㅎ.</summary>
    private const string OneCounter = "마머모무바버보부배아어오우하허호";

    public static TheoryData<char> Syllables => [.. PlateVocabulary.AllHangul.Select(h => h[0])];

    [Theory]
    [MemberData(nameof(Syllables))]
    public void Each_syllable_has_the_drawings_size_and_counters(char syllable)
    {
        using var path = StandardHangulGlyphs.Draw(syllable);
        var bounds = path.TightBounds;

        Assert.InRange(bounds.Height, StandardHangulGlyphs.Height - 0.5f, StandardHangulGlyphs.Height + 0.5f);
        Assert.InRange(bounds.Width, 41f, 49f); // 고 42.2 … 더 51.8 in the drawings; 가 46.8
        Assert.Equal(OneCounter.Contains(syllable, StringComparison.Ordinal) ? 1 : 0, Raster.Holes(Raster.Draw(path, PixelsPerMm)).Count);
    }

    [Fact]
    public void Vertical_strokes_are_8_2_mm_and_horizontal_strokes_7_2_mm()
    {
        using var na = StandardHangulGlyphs.Draw('나');
        var ink = Raster.Draw(na, PixelsPerMm);

        // Across 나 at mid-height: ㄴ's vertical, then ㅏ's stem; down 노's middle: ㄴ's foot, then ㅗ's bar.
        var runs = Raster.Runs(ink, row: (int)(15 * PixelsPerMm));
        using var no = StandardHangulGlyphs.Draw('노');
        var down = Raster.Runs(Raster.Transpose(Raster.Draw(no, PixelsPerMm)), row: (int)(14 * PixelsPerMm));

        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.InRange(r / PixelsPerMm, StandardHangulGlyphs.VerticalStroke - 0.5, StandardHangulGlyphs.VerticalStroke + 0.5));
        Assert.Equal(2, down.Count);
        Assert.All(down, r => Assert.InRange(r / PixelsPerMm, StandardHangulGlyphs.HorizontalStroke - 0.5, StandardHangulGlyphs.HorizontalStroke + 0.5));
    }

    [Theory]
    [InlineData('주', '루')]
    [InlineData('버', '허')]
    [InlineData('오', '모')]
    public void Syllables_the_shipped_model_confuses_on_real_plates_differ_in_their_consonant(char a, char b)
    {
        using var pathA = StandardHangulGlyphs.Draw(a);
        using var pathB = StandardHangulGlyphs.Draw(b);
        var (inkA, inkB) = (Raster.Draw(pathA, PixelsPerMm), Raster.Draw(pathB, PixelsPerMm));
        var (h, w) = (Math.Min(inkA.GetLength(0), inkB.GetLength(0)), Math.Min(inkA.GetLength(1), inkB.GetLength(1)));

        // The vowel is shared; the consonant (upper part for 주/루 and 오/모, left part for 버/허) must not be.
        var differing = 0;
        var inked = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                differing += inkA[y, x] != inkB[y, x] ? 1 : 0;
                inked += inkA[y, x] || inkB[y, x] ? 1 : 0;
            }
        }

        Assert.InRange(differing / (double)inked, 0.25, 1.0);
    }

    [Theory]
    [InlineData('각')] // a final consonant
    [InlineData('카')] // ㅋ is on no plate
    [InlineData('A')]
    public void A_syllable_no_plate_carries_is_refused(char syllable) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardHangulGlyphs.Draw(syllable));

    [Fact]
    public void By_default_the_generator_draws_half_the_plates_syllables_with_them()
    {
        using var fonts = FontLibrary.Load(new FontOptions());
        var random = new Random(11);
        var face = fonts.HangulFonts[0];

        var picks = Enumerable.Range(0, 10_000).Select(_ => fonts.PickSyllables(face, random)).ToList();

        Assert.InRange(picks.Count(p => ReferenceEquals(p, fonts.StandardHangul)) / 10_000.0, 0.47, 0.53);
        Assert.All(picks, p => Assert.True(ReferenceEquals(p, face) || ReferenceEquals(p, fonts.StandardHangul)));
        Assert.True(fonts.StandardHangul.TrueProportions);
        Assert.All(PlateVocabulary.AllHangul, h => Assert.True(fonts.StandardHangul.Contains(h[0])));
    }

    [Fact]
    public void Turned_off_it_leaves_the_plates_random_stream_as_it_was()
    {
        using var fonts = FontLibrary.Load(new FontOptions { StandardHangulProbability = 0 });
        var (used, untouched) = (new Random(5), new Random(5));

        var pick = fonts.PickSyllables(fonts.HangulFonts[0], used);

        Assert.Same(fonts.HangulFonts[0], pick);
        Assert.Equal(untouched.NextDouble(), used.NextDouble());
    }

    [Fact]
    public void A_share_out_of_range_is_refused_naming_the_key()
    {
        var error = Assert.Throws<SynthConfigException>(() => SynthConfig.Parse("""{ "fonts": { "standardHangulProbability": -0.1 } }"""));

        Assert.Contains("fonts.standardHangulProbability must be between 0 and 1, got -0.1", error.Message, StringComparison.Ordinal);
    }
}
