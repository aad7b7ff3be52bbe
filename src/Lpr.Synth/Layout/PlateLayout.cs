using SkiaSharp;

namespace Lpr.Synth.Layout;

/// <summary>Extra marks a design carries besides its characters.</summary>
[Flags]
public enum PlateMarks
{
    None = 0,

    /// <summary>EV pictogram and emblem column at the left, "EV" logo at the right, taegeuk pattern.</summary>
    Electric = 1,

    /// <summary>Blue strip at the left with taegeuk, hologram and "KOR" (2020 film plate).</summary>
    FilmStrip = 2,
}

/// <summary>
/// The geometry of one plate in millimetres (origin top-left): outline, character slots in reading
/// order, bolt holes (ellipses) and marks. Built by <see cref="PlateLayouts"/> from the annex drawings.
/// </summary>
public sealed record PlateLayout(
    float Width,
    float Height,
    IReadOnlyList<CharacterSlot> Slots,
    IReadOnlyList<SKRect> Bolts,
    PlateMarks Marks)
{
    public bool TwoRows => Slots.Any(s => s.Row > 0);

    /// <summary>Outer corner radius (R12 on every design).</summary>
    public static float CornerRadius => 12f;
}
