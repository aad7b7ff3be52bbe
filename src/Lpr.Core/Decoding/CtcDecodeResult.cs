using Lpr.Core.Recognition;

namespace Lpr.Core.Decoding;

/// <summary>
/// A decoded CTC label sequence. <see cref="Characters"/> holds one entry per emitted token with
/// the highest probability the path gave that token over the frames it spans; <see cref="Confidence"/>
/// is their product (the chance that every character is right, if errors are independent), 0 when empty.
/// </summary>
public sealed record CtcDecodeResult(string Text, float Confidence, IReadOnlyList<CharacterConfidence> Characters)
{
    /// <summary>No text: the constrained decoder found no valid plate (e.g. too few frames).</summary>
    public static CtcDecodeResult Empty { get; } = new(string.Empty, 0f, []);

    public bool IsEmpty => Text.Length == 0;
}
