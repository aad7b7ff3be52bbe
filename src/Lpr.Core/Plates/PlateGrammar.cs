using System.Text;

namespace Lpr.Core.Plates;

/// <summary>
/// Parses South Korean civilian plate text (current and legacy formats) into a
/// <see cref="KoreanPlate"/>, or says precisely why the text is not a plate.
/// <para>Rules (PLATE_SPECS.md, MOLIT Notice 2018-529; press sources where marked there):</para>
/// <list type="bullet">
/// <item><c>12가3456</c> national, 2-digit class 01–99 (00 is never issued).</item>
/// <item><c>123가4567</c> national, 3-digit class 100–999 (since Sep 2019; no leading 0).</item>
/// <item><c>서울12바3456</c> region + 2 digits: the current commercial plate (바 사 아 자 배). With a
/// private or rental syllable it is a 1996–2003 green plate: valid, flagged legacy, because non-commercial
/// plates carry no region since 2004 (art. 6).</item>
/// <item><c>서울1가2345</c> region + 1 digit (0–9): the 1973–1995 green plate, legacy.</item>
/// <item>Commercial and delivery syllables (바 사 아 자 배) appear only with a region: commercial
/// plates keep their region (art. 6), and 3-digit classes are for private and rental cars only.</item>
/// <item>Region + 3 digits never existed: 3-digit classes are national.</item>
/// <item>세종 dates from 2012, so it appears only on current commercial plates (no 1-digit, no green plate).</item>
/// <item>The serial is 4 digits, 0001–9999; 0000 is not issued.</item>
/// </list>
/// Anything else — extra or missing characters anywhere, whitespace, unknown regions, syllables
/// that never appear on plates — is rejected. <see cref="PlateGrammarAutomaton"/> is the same
/// grammar as an automaton.
/// </summary>
public static class PlateGrammar
{
    private readonly record struct Token(string Text, int Position, PlateTokenCategory Category);

    /// <summary>True when <paramref name="text"/> is a valid plate.</summary>
    public static bool IsValid(string text) => Parse(text).IsValid;

    /// <summary>Parses plate text. Never throws for bad text: the result carries the error.</summary>
    public static PlateParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = HangulComposition.Compose(text);
        if (normalized.Length == 0)
        {
            return PlateParseResult.Invalid(text, "The text is empty.");
        }

        if (Tokenize(normalized, out var tokens) is { } tokenError)
        {
            return PlateParseResult.Invalid(text, tokenError);
        }

        return Structure(normalized, tokens) switch
        {
            (null, { } plate) => PlateParseResult.Valid(text, plate),
            ({ } error, _) => PlateParseResult.Invalid(text, error),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    private static string? Tokenize(string text, out List<Token> tokens)
    {
        tokens = [];
        var alphabet = PlateAlphabet.Default;
        var indices = new List<int>(1);
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                return $"Whitespace at position {position}; write the plate without spaces.";
            }

            // Two Hangul syllables at the start are a region name or an error about the region.
            if (position == 0 && text.Length >= 2 && IsHangulSyllable(c) && IsHangulSyllable(text[1]) && !PlateVocabulary.IsRegion(text[..2]))
            {
                return $"Unknown region '{text[..2]}'; regions are {string.Join(' ', PlateVocabulary.Regions)}.";
            }

            indices.Clear();
            var length = PlateVocabulary.IsRegion(text.Substring(position, Math.Min(2, text.Length - position))) ? 2 : 1;
            if (!alphabet.TryTokenize(text.Substring(position, length), indices, out _) || indices.Count != 1)
            {
                return IsHangulSyllable(c)
                    ? $"'{c}' at position {position} never appears on plates; plate syllables are {string.Join(' ', PlateVocabulary.AllHangul)}."
                    : $"'{c}' (U+{(int)c:X4}) at position {position} is not a plate character.";
            }

            tokens.Add(new Token(alphabet[indices[0]], position, alphabet.CategoryOf(indices[0])));
            position += length;
        }

        return null;
    }

    private static (string? Error, KoreanPlate? Plate) Structure(string text, List<Token> tokens)
    {
        var i = 0;
        string? region = null;
        if (tokens[0].Category == PlateTokenCategory.Region)
        {
            region = tokens[0].Text;
            i = 1;
        }

        if (tokens.Skip(i).FirstOrDefault(t => t.Category == PlateTokenCategory.Region) is { Text: not null } misplaced)
        {
            return ($"Region '{misplaced.Text}' at position {misplaced.Position} must be at the start of the plate.", null);
        }

        var numberStart = i;
        while (i < tokens.Count && tokens[i].Category == PlateTokenCategory.Digit)
        {
            i++;
        }

        var number = Concat(tokens, numberStart, i);
        if (i == tokens.Count)
        {
            return ("Missing the Hangul syllable and the 4-digit serial.", null);
        }

        if (number.Length == 0)
        {
            return ($"Expected the class number at position {tokens[i].Position}, got '{tokens[i].Text}'.", null);
        }

        var hangul = tokens[i].Text;
        var hangulPosition = tokens[i].Position;
        i++;
        var serialStart = i;
        while (i < tokens.Count && tokens[i].Category == PlateTokenCategory.Digit)
        {
            i++;
        }

        var serial = Concat(tokens, serialStart, i);
        if (i < tokens.Count)
        {
            return ($"Extra '{tokens[i].Text}' at position {tokens[i].Position}; a plate has one syllable followed by the 4-digit serial.", null);
        }

        if (serial.Length != 4)
        {
            return ($"The serial after '{hangul}' must have 4 digits, got {serial.Length}{(serial.Length > 0 ? $" ('{serial}')" : string.Empty)}.", null);
        }

        if (serial == "0000")
        {
            return ("The serial 0000 is never issued.", null);
        }

        var usage = PlateVocabulary.UsageOf(hangul)!.Value;
        var commercial = usage is PlateUsage.Commercial or PlateUsage.Delivery;
        PlateFormat format;
        if (region is null)
        {
            if (number.Length is not (2 or 3))
            {
                return ($"A plate without region has a 2- or 3-digit class number, got {number.Length} ('{number}').", null);
            }

            if (commercial)
            {
                return ($"The commercial syllable '{hangul}' at position {hangulPosition} appears only on plates with a region (e.g. 서울12{hangul}3456).", null);
            }

            format = number.Length == 2 ? PlateFormat.NationalTwoDigit : PlateFormat.NationalThreeDigit;
        }
        else
        {
            if (number.Length is not (1 or 2))
            {
                return ($"A plate with region has a 1- or 2-digit class number, got {number.Length} ('{number}'); 3-digit classes are national only.", null);
            }

            format = number.Length == 1 ? PlateFormat.RegionalOneDigit : PlateFormat.RegionalTwoDigit;
            if (!PlateVocabulary.IsPre2004Region(region) && (format == PlateFormat.RegionalOneDigit || !commercial))
            {
                return ($"'{region}' dates from 2012 and appears only on commercial plates with a 2-digit class (바 사 아 자 배), not on '{number}{hangul}' plates.", null);
            }
        }

        if (number == "00")
        {
            return ("The class number 00 is never issued.", null);
        }

        if (number.Length == 3 && number[0] == '0')
        {
            return ($"A 3-digit class number starts with 1–9, got '{number}'.", null);
        }

        var legacy = format == PlateFormat.RegionalOneDigit || (format == PlateFormat.RegionalTwoDigit && !commercial);
        return (null, new KoreanPlate(text, region, number, hangul, serial, PlateNumbering.VehicleTypeOf(number), usage, legacy, format));
    }

    private static string Concat(List<Token> tokens, int start, int end)
    {
        var builder = new StringBuilder(end - start);
        for (var k = start; k < end; k++)
        {
            builder.Append(tokens[k].Text);
        }

        return builder.ToString();
    }

    private static bool IsHangulSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';
}
