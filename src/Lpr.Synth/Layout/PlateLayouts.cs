using Lpr.Synth.Text;
using SkiaSharp;

namespace Lpr.Synth.Layout;

/// <summary>
/// Character grids of every design, in millimetres, after the MOLIT annex drawings (PLATE_SPECS.md
/// §4–§7). Digits are ~74 mm tall ink in 56 mm cells on the 83 mm band; the Hangul is 64.8 mm tall
/// and sits slightly low. Where the standard is silent (film strip, 3-digit EV, green plates) the
/// grid is our inference, noted inline.
/// </summary>
public static class PlateLayouts
{
    private const float BandTop = 13.5f;
    private const float BandHeight = 83f;

    public static PlateLayout For(PlateText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Tokens;
        var classDigits = CountLeadingDigits(tokens, tokens.Count > 0 && IsRegion(tokens[0]) ? 1 : 0);
        return text.Type switch
        {
            PlateType.WhiteOneRow7 => OneRow7(PlateMarks.None),
            PlateType.WhiteOneRow8 => OneRow8(),
            PlateType.WhiteOneRow8Film => Film8(),
            PlateType.WhiteShort => Short(),
            PlateType.GreenRegional or PlateType.YellowTwoRow => TwoRowRegional(),
            PlateType.GreenRegionalOneDigit => TwoRowRegionalOneDigit(),
            PlateType.GreenNational => TwoRowNational(),
            PlateType.YellowOneRow => YellowOneRow(),
            PlateType.Electric => classDigits == 3 ? Electric8() : OneRow7(PlateMarks.Electric),
            _ => throw new ArgumentOutOfRangeException(nameof(text), text.Type, "Unknown plate type."),
        };
    }

    private static bool IsRegion(string token) => token.Length == 2;

    private static int CountLeadingDigits(IReadOnlyList<string> tokens, int start)
    {
        var n = 0;
        while (start + n < tokens.Count && char.IsAsciiDigit(tokens[start + n][0]))
        {
            n++;
        }

        return n;
    }

    /// <summary>별표 2: 44 margin, 2 × 56 digits, 96 Hangul cell (glyph centred at x≈184), 4 × 56 digits.</summary>
    private static PlateLayout OneRow7(PlateMarks marks)
    {
        var slots = new List<CharacterSlot>(7);
        Digit(slots, 44, 56, BandTop, BandHeight, 0);
        Digit(slots, 100, 56, BandTop, BandHeight, 0);
        // The EV annex gives a 60 mm Hangul cell (+36 gap): glyph centred at 186 instead of 184.
        Hangul(slots, marks == PlateMarks.Electric ? 186 : 184, 50, BandTop + 10.4f, 64.8f, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 252 + (56 * i), 56, BandTop, BandHeight, 0);
        }

        SKRect[] bolts = marks == PlateMarks.Electric ? [Oblong(20, 6, 55)] : [Oblong(20, 7, 55), Oblong(500, 7, 55)];
        return new PlateLayout(520, 110, slots, bolts, marks);
    }

    /// <summary>별표 2-1: 24.09 margin, 3 × 56 digits, 79.82 Hangul cell (glyph from +7), 4 × 56 digits.</summary>
    private static PlateLayout OneRow8()
    {
        var slots = new List<CharacterSlot>(8);
        for (var i = 0; i < 3; i++)
        {
            Digit(slots, 24.09f + (56 * i), 56, BandTop, BandHeight, 0);
        }

        Hangul(slots, 192.09f + 7 + 23.5f, 48, BandTop + 10.4f, 64.8f, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 271.91f + (56 * i), 56, BandTop, BandHeight, 0);
        }

        return new PlateLayout(520, 110, slots, [Oblong(13, 7, 55), Oblong(507, 7, 55)], PlateMarks.None);
    }

    /// <summary>
    /// 2020 film plate: the strip's dimensions are not published (PLATE_SPECS.md §4.3); we take a
    /// 40 mm strip like the EV symbol column and 52 mm cells after it (inference).
    /// </summary>
    private static PlateLayout Film8()
    {
        var slots = new List<CharacterSlot>(8);
        for (var i = 0; i < 3; i++)
        {
            Digit(slots, 56 + (52 * i), 52, BandTop, BandHeight, 0);
        }

        Hangul(slots, 240, 46, BandTop + 10.4f, 64.8f, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 280 + (52 * i), 52, BandTop, BandHeight, 0);
        }

        return new PlateLayout(520, 110, slots, [Oblong(500, 7, 55)], PlateMarks.FilmStrip);
    }

    /// <summary>EV with a 3-digit class (not in the 2018 notice): the EV columns kept, 50/55 mm cells between.</summary>
    private static PlateLayout Electric8()
    {
        var slots = new List<CharacterSlot>(8);
        for (var i = 0; i < 3; i++)
        {
            Digit(slots, 46 + (50 * i), 50, BandTop, BandHeight, 0);
        }

        Hangul(slots, 222, 46, BandTop + 10.4f, 64.8f, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 256 + (55 * i), 55, BandTop, BandHeight, 0);
        }

        return new PlateLayout(520, 110, slots, [Oblong(20, 6, 55)], PlateMarks.Electric);
    }

    /// <summary>별표 1, 335×155: cells 45,45,49,45,45,45,45 from x≈8 on the 83 mm band at y 46.2; bolts above.</summary>
    private static PlateLayout Short()
    {
        var slots = new List<CharacterSlot>(7);
        const float top = 46.2f;
        var x = 8f;
        Digit(slots, x, 45, top, BandHeight, 0, 38);
        Digit(slots, x += 45, 45, top, BandHeight, 0, 38);
        Hangul(slots, (x += 45) + 24.5f, 42, top + 12, 60, 0);
        x += 49;
        for (var i = 0; i < 4; i++, x += 45)
        {
            Digit(slots, x, 45, top, BandHeight, 0, 38);
        }

        return new PlateLayout(335, 155, slots, [Round(65, 25, 10), Round(270, 25, 10)], PlateMarks.None);
    }

    /// <summary>별표 3 (335×170): region 95 wide at 82–177 + 2 × 38 digits on y 9–57; Hangul 60 + 4 × 62 digits on y 68–160.</summary>
    private static PlateLayout TwoRowRegional()
    {
        var slots = new List<CharacterSlot>(9);
        slots.Add(new CharacterSlot(SlotKind.Region, new SKRect(84, 13, 175, 54), 0));
        Digit(slots, 177, 38, 9, 48, 0, 32);
        Digit(slots, 215, 38, 9, 48, 0, 32);
        BottomRow(slots);
        return new PlateLayout(335, 170, slots, [Round(65, 26, 10), Round(270, 26, 10)], PlateMarks.None);
    }

    /// <summary>1973–1995 green: region + one class digit centred on the top row (inference from photos).</summary>
    private static PlateLayout TwoRowRegionalOneDigit()
    {
        var slots = new List<CharacterSlot>(8);
        slots.Add(new CharacterSlot(SlotKind.Region, new SKRect(103, 13, 194, 54), 0));
        Digit(slots, 196, 38, 9, 48, 0, 32);
        BottomRow(slots);
        return new PlateLayout(335, 170, slots, [Round(65, 26, 10), Round(270, 26, 10)], PlateMarks.None);
    }

    /// <summary>2004–2006 green national: 2 digits + a small Hangul between the bolts, 4 large digits below (generator grids).</summary>
    private static PlateLayout TwoRowNational()
    {
        var slots = new List<CharacterSlot>(7);
        Digit(slots, 98, 42, 9, 50, 0, 34);
        Digit(slots, 140, 42, 9, 50, 0, 34);
        Hangul(slots, 208, 44, 12, 44, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 11.5f + (78 * i), 78, 66, 96, 1, 64);
        }

        return new PlateLayout(335, 170, slots, [Round(50, 30, 10), Round(285, 30, 10)], PlateMarks.None);
    }

    /// <summary>별표 4 (520×110 yellow): 32 margin, stacked region 55, 2 × 55 digits, Hangul 71, 4 × 55 digits.</summary>
    private static PlateLayout YellowOneRow()
    {
        var slots = new List<CharacterSlot>(9);
        slots.Add(new CharacterSlot(SlotKind.RegionStacked, new SKRect(38, 16, 82, 94), 0));
        Digit(slots, 87, 55, BandTop, BandHeight, 0, 46);
        Digit(slots, 142, 55, BandTop, BandHeight, 0, 46);
        Hangul(slots, 197 + 29, 48, BandTop + 10.4f, 64.8f, 0);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 268 + (55 * i), 55, BandTop, BandHeight, 0, 46);
        }

        return new PlateLayout(520, 110, slots, [Oblong(17, 7, 55), Oblong(503, 7, 55)], PlateMarks.None);
    }

    private static void BottomRow(List<CharacterSlot> slots)
    {
        Hangul(slots, 9.5f + 30, 52, 80, 66, 1);
        for (var i = 0; i < 4; i++)
        {
            Digit(slots, 73.5f + (62 * i), 62, 68, 92, 1, 52);
        }
    }

    /// <summary>A digit in a cell: ink ~90% of the band height, centred, at most <paramref name="maxWidth"/> wide.</summary>
    private static void Digit(List<CharacterSlot> slots, float cellX, float cellWidth, float bandTop, float bandHeight, int row, float maxWidth = 48)
    {
        var inkHeight = bandHeight * (74f / 83f);
        var top = bandTop + ((bandHeight - inkHeight) / 2);
        var width = Math.Min(maxWidth, cellWidth - 4);
        var left = cellX + ((cellWidth - width) / 2);
        slots.Add(new CharacterSlot(SlotKind.Digit, new SKRect(left, top, left + width, top + inkHeight), row));
    }

    private static void Hangul(List<CharacterSlot> slots, float centerX, float maxWidth, float top, float height, int row) =>
        slots.Add(new CharacterSlot(SlotKind.Hangul, new SKRect(centerX - (maxWidth / 2), top, centerX + (maxWidth / 2), top + height), row));

    private static SKRect Oblong(float cx, float width, float cy) => new(cx - (width / 2), cy - 4.5f, cx + (width / 2), cy + 4.5f);

    private static SKRect Round(float cx, float cy, float diameter) => new(cx - (diameter / 2), cy - (diameter / 2), cx + (diameter / 2), cy + (diameter / 2));
}
