namespace Lpr.Core.Plates;

/// <summary>What kind of plate character a label (an output class of a recognizer) stands for.</summary>
public enum PlateTokenCategory
{
    /// <summary>A whitespace or empty label: a padding class that never produces text.</summary>
    Padding,

    /// <summary>A digit 0–9.</summary>
    Digit,

    /// <summary>One of the 40 Hangul syllables used on plates.</summary>
    Hangul,

    /// <summary>One of the 17 region names, one token of two syllables.</summary>
    Region,

    /// <summary>A label that is not a Korean plate character (e.g. a Latin letter of a foreign model): decoded by greedy, never allowed by the grammar.</summary>
    Other,
}
