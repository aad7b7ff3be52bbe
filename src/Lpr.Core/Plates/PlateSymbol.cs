namespace Lpr.Core.Plates;

/// <summary>
/// The input alphabet of <see cref="PlateGrammarAutomaton"/>: plate tokens grouped by what the
/// grammar needs to tell apart. Every plate token belongs to exactly one symbol.
/// </summary>
public enum PlateSymbol
{
    /// <summary>The digit 0 (matters for 00 classes, 3-digit classes and the 0000 serial).</summary>
    ZeroDigit,

    /// <summary>The digits 1–9.</summary>
    NonZeroDigit,

    /// <summary>Private and rental syllables (35): national plates, and legacy regional ones.</summary>
    NonCommercialHangul,

    /// <summary>Commercial and delivery syllables (바 사 아 자 배): only after a region.</summary>
    CommercialHangul,

    /// <summary>The 16 region names that also appeared on pre-2004 green plates.</summary>
    Region,

    /// <summary>세종 (a region since 2012): only on current commercial plates.</summary>
    RegionSince2012,
}
