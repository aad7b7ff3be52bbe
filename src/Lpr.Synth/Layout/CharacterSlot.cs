using SkiaSharp;

namespace Lpr.Synth.Layout;

/// <summary>How a token is set into its slot.</summary>
public enum SlotKind
{
    Digit,
    Hangul,

    /// <summary>A two-syllable region name side by side.</summary>
    Region,

    /// <summary>A two-syllable region name stacked (one-row yellow plate).</summary>
    RegionStacked,
}

/// <summary>
/// Where one token is drawn, in millimetres on the plate. <see cref="Box"/> is the ink box: glyphs
/// are scaled to its height and centred in it, never wider than it. Row 0 is the top row.
/// </summary>
public readonly record struct CharacterSlot(SlotKind Kind, SKRect Box, int Row);
