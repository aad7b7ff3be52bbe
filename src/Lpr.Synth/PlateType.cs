namespace Lpr.Synth;

/// <summary>
/// The physical plate designs the generator draws (PLATE_SPECS.md §1, §4–§7). A design fixes the
/// plate size, colours and character grid; the text rules (which syllables, how many digits) follow from it.
/// </summary>
public enum PlateType
{
    /// <summary>White 520×110, one row, 2-digit class: <c>12가3456</c> (2006 – now). Private and rental.</summary>
    WhiteOneRow7,

    /// <summary>White 520×110, one row, 3-digit class: <c>123가4567</c> (2019 – now), painted.</summary>
    WhiteOneRow8,

    /// <summary>White 520×110 film plate with the blue national strip on the left (2020 – now), 3-digit class.</summary>
    WhiteOneRow8Film,

    /// <summary>White 335×155 short plate, one row under a bolt zone: <c>12가3456</c> (2006 – now).</summary>
    WhiteShort,

    /// <summary>Green 335×170, two rows with region: <c>서울12</c> over <c>가3456</c> (1996–2003).</summary>
    GreenRegional,

    /// <summary>Green 335×170, two rows, region + 1-digit class: <c>서울1</c> over <c>가2345</c> (1973–1995).</summary>
    GreenRegionalOneDigit,

    /// <summary>Green 335×170, two rows without region: <c>12가</c> over <c>3456</c> (2004–2006).</summary>
    GreenNational,

    /// <summary>Yellow commercial 335×170, two rows with region: <c>서울12</c> over <c>바3456</c>.</summary>
    YellowTwoRow,

    /// <summary>Yellow commercial 520×110, one row, region stacked at the left: <c>인천86바3430</c>.</summary>
    YellowOneRow,

    /// <summary>Light-blue electric-vehicle film plate with EV marks: <c>12가3456</c> or <c>123가4567</c>.</summary>
    Electric,
}
