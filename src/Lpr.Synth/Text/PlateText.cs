namespace Lpr.Synth.Text;

/// <summary>
/// A plate's text as tokens in reading order (top row first, then left to right): an optional
/// region, the class number digits, one Hangul syllable and the 4 serial digits. Tokens are
/// labels of <c>models/labels.txt</c>; <see cref="Text"/> is their concatenation.
/// </summary>
public sealed record PlateText(PlateType Type, IReadOnlyList<string> Tokens)
{
    public string Text { get; } = string.Concat(Tokens);

    public override string ToString() => Text;
}
