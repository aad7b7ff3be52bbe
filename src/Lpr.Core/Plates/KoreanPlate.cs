namespace Lpr.Core.Plates;

/// <summary>
/// A valid plate text taken apart: what an event consumer wants to know without re-parsing.
/// </summary>
/// <param name="Text">The plate text as parsed (NFC), e.g. <c>서울12바3456</c>.</param>
/// <param name="Region">The region name, or null on national plates.</param>
/// <param name="Number">The leading class number as written (leading zeros kept: <c>01</c>).</param>
/// <param name="Hangul">The Hangul syllable.</param>
/// <param name="Serial">The 4-digit serial as written.</param>
/// <param name="VehicleType">From the class number (<see cref="PlateNumbering"/>).</param>
/// <param name="Usage">From the syllable (<see cref="PlateVocabulary"/>).</param>
/// <param name="IsLegacy">A format no longer issued: 1-digit regional (1973–1995) or regional with a private/rental syllable (1996–2003 green).</param>
/// <param name="Format">The layout.</param>
public sealed record KoreanPlate(
    string Text,
    string? Region,
    string Number,
    string Hangul,
    string Serial,
    VehicleType VehicleType,
    PlateUsage Usage,
    bool IsLegacy,
    PlateFormat Format);
