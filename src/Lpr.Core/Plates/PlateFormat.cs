namespace Lpr.Core.Plates;

/// <summary>The layouts of civilian plate text this grammar knows (PLATE_SPECS.md §1).</summary>
public enum PlateFormat
{
    /// <summary><c>12가3456</c>: national plate without region, 2-digit class (2004 – now).</summary>
    NationalTwoDigit,

    /// <summary><c>123가4567</c>: national plate with a 3-digit class (Sep 2019 – now).</summary>
    NationalThreeDigit,

    /// <summary>
    /// <c>서울12바3456</c>: region + 2-digit class. Current on commercial (yellow) plates; with a
    /// private or rental syllable it is a 1996–2003 green plate.
    /// </summary>
    RegionalTwoDigit,

    /// <summary><c>서울1가2345</c>: region + 1-digit class, the 1973–1995 green plate. Always legacy.</summary>
    RegionalOneDigit,
}
