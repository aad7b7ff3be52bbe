using Lpr.Core.Plates;
using Lpr.Synth.Options;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// The typefaces plates are drawn with. Bold gothic Korean fonts are found by file name under the
/// configured folders (fonts-nanum, fonts-nanum-extra, fonts-noto-cjk); serif, pen and brush
/// faces are skipped because plate lettering is a square monoline gothic. Condensed Latin faces
/// (DejaVu Sans Condensed Bold, close to the DIN-like plate digits) are used for digits only.
/// </summary>
public sealed class FontLibrary : IDisposable
{
    /// <summary>File names of the bold gothic faces we know, in order of preference.</summary>
    private static readonly string[] KnownKoreanFiles =
    [
        "NanumGothicBold.ttf", "NanumGothicExtraBold.ttf", "NanumBarunGothicBold.ttf", "NanumSquareB.ttf",
        "NanumSquareEB.ttf", "NanumSquare_acB.ttf", "NanumSquare_acEB.ttf", "NanumGothicCodingBold.ttf",
        "NanumBarunGothic.ttf", "NanumSquareR.ttf", "NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc",
    ];

    private static readonly string[] KnownDigitFiles = ["DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf"];

    private const float ReferenceSize = 100f;

    private FontLibrary(IReadOnlyList<GlyphSet> hangulFonts, IReadOnlyList<GlyphSet> digitFonts, FontOptions options)
    {
        HangulFonts = hangulFonts;
        DigitFonts = digitFonts;
        StandardDigits = StandardDigitGlyphs.Create();
        StandardHangul = StandardHangulGlyphs.Create();
        standardDigitsProbability = options.StandardDigitsProbability;
        standardHangulProbability = options.StandardHangulProbability;
    }

    private readonly double standardDigitsProbability;
    private readonly double standardHangulProbability;

    /// <summary>The standard's drawn digits (<see cref="StandardDigitGlyphs"/>).</summary>
    public GlyphSet StandardDigits { get; }

    /// <summary>The standard's drawn plate syllables (<see cref="StandardHangulGlyphs"/>).</summary>
    public GlyphSet StandardHangul { get; }

    /// <summary>Faces with every plate character (used for Hangul, regions and digits).</summary>
    public IReadOnlyList<GlyphSet> HangulFonts { get; }

    /// <summary>Faces used for digits: the Korean faces plus digit-only condensed faces.</summary>
    public IReadOnlyList<GlyphSet> DigitFonts { get; }

    /// <summary>Every character whose outline a plate may need: digits, the 40 syllables and the syllables of the 17 regions.</summary>
    public static IReadOnlyList<char> PlateCharacters { get; } =
        [.. "0123456789".Concat(PlateVocabulary.AllHangul.SelectMany(h => h)).Concat(PlateVocabulary.Regions.SelectMany(r => r)).Distinct()];

    /// <exception cref="SynthConfigException">No usable Korean font was found.</exception>
    public static FontLibrary Load(FontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = new List<string>();
        var found = options.Directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.OrderBy(p => p, StringComparer.Ordinal).First(), StringComparer.OrdinalIgnoreCase);
        files.AddRange(KnownKoreanFiles.Where(found.ContainsKey).Select(f => found[f]));
        files.AddRange(options.Files);

        var hangul = new List<GlyphSet>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            using var typeface = OpenKoreanFace(file);
            if (typeface is not null && TryLoad(typeface, Path.GetFileName(file), PlateCharacters, out var set))
            {
                hangul.Add(set);
            }
            else if (options.Files.Contains(file))
            {
                throw new SynthConfigException($"fonts.files: '{file}' cannot be read or lacks some of the plate syllables and digits.");
            }
        }

        if (hangul.Count == 0)
        {
            throw new SynthConfigException(
                $"fonts: no Korean font with all plate syllables found under [{string.Join(", ", options.Directories)}]; install fonts-nanum or list a .ttf in fonts.files.");
        }

        var digits = new List<GlyphSet>(hangul);
        foreach (var file in KnownDigitFiles.Where(found.ContainsKey).Select(f => found[f]))
        {
            using var typeface = SKTypeface.FromFile(file);
            if (typeface is not null && TryLoad(typeface, Path.GetFileName(file), [.. "0123456789"], out var set))
            {
                digits.Add(set);
            }
        }

        return new FontLibrary(hangul, digits, options);
    }

    /// <summary>
    /// The digits of one plate, with one roll of <paramref name="random"/>: the standard's drawn digits with the configured
    /// probability, else the digits of <paramref name="hangulFont"/> (60 %) or of any digit face.
    /// </summary>
    public GlyphSet PickDigits(GlyphSet hangulFont, Random random)
    {
        ArgumentNullException.ThrowIfNull(hangulFont);
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.NextDouble();
        if (roll < standardDigitsProbability)
        {
            return StandardDigits;
        }

        // The rest of the roll, rescaled to [0, 1), chooses among the fonts, so one draw decides it all.
        var rest = (roll - standardDigitsProbability) / (1 - standardDigitsProbability);
        return rest < 0.6 ? hangulFont : DigitFonts[Math.Min(DigitFonts.Count - 1, (int)((rest - 0.6) / 0.4 * DigitFonts.Count))];
    }

    /// <summary>
    /// The face of one plate's syllable: the standard's drawn syllables with the configured probability, else
    /// <paramref name="hangulFont"/>. With the probability 0 nothing is drawn from <paramref name="random"/>, so configs
    /// written before the drawn syllables existed still render the same plates.
    /// </summary>
    public GlyphSet PickSyllables(GlyphSet hangulFont, Random random)
    {
        ArgumentNullException.ThrowIfNull(hangulFont);
        ArgumentNullException.ThrowIfNull(random);
        return standardHangulProbability > 0 && random.NextDouble() < standardHangulProbability ? StandardHangul : hangulFont;
    }

    public void Dispose()
    {
        foreach (var set in DigitFonts)
        {
            set.Dispose();
        }

        StandardDigits.Dispose();
        StandardHangul.Dispose();
    }

    /// <summary>Opens a font file; in a collection (.ttc) the Korean face is preferred.</summary>
    private static SKTypeface? OpenKoreanFace(string file)
    {
        if (!file.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase))
        {
            return SKTypeface.FromFile(file);
        }

        for (var index = 0; index < 16; index++)
        {
            var face = SKTypeface.FromFile(file, index);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName.Contains("KR", StringComparison.Ordinal))
            {
                return face;
            }

            face.Dispose();
        }

        return SKTypeface.FromFile(file);
    }

    private static bool TryLoad(SKTypeface typeface, string name, IReadOnlyList<char> characters, out GlyphSet set)
    {
        using var font = new SKFont(typeface, ReferenceSize);
        var glyphs = new Dictionary<char, (SKPath, SKRect)>();
        foreach (var c in characters)
        {
            var text = c.ToString();
            if (!font.ContainsGlyphs(text))
            {
                DisposeAll(glyphs);
                set = null!;
                return false;
            }

            var path = font.GetTextPath(text, new SKPoint(0, 0));
            var bounds = path.TightBounds;
            if (bounds.Width <= 0 || bounds.Height <= 0)
            {
                path.Dispose();
                DisposeAll(glyphs);
                set = null!;
                return false;
            }

            glyphs[c] = (path, bounds);
        }

        set = new GlyphSet(typeface.FamilyName is { Length: > 0 } family ? $"{name} ({family})" : name, characters.Count > 10, glyphs, ReferenceSize * 0.035f);
        return true;
    }

    private static void DisposeAll(Dictionary<char, (SKPath Path, SKRect Bounds)> glyphs)
    {
        foreach (var (path, _) in glyphs.Values)
        {
            path.Dispose();
        }
    }
}
