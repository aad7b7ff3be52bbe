using Lpr.Core.Imaging;

namespace Lpr.Synth;

/// <summary>
/// One rendered recognizer crop with its ground truth.
/// </summary>
/// <param name="Image">The crop (gray by default, or BGR), output size.</param>
/// <param name="Text">The label, e.g. <c>서울12가3456</c>.</param>
/// <param name="Tokens">The label as tokens of <c>models/labels.txt</c>, in reading order (top row first, then left to right).</param>
/// <param name="Type">The plate design.</param>
/// <param name="PlateCorners">The plate's corners in image pixels (may lie outside the image when the crop cuts the plate).</param>
/// <param name="CharacterCorners">Each token's ink box corners in image pixels, in reading order (a region's box spans both syllables).</param>
/// <param name="CharacterBoxes">Each token's visible pixels' bounding box, in reading order; empty (0 size) when cut off entirely.</param>
/// <param name="CharacterRows">The plate row of each token (0 = top row), in reading order.</param>
/// <param name="CharacterMask">
/// Full-resolution label map, row-major like <paramref name="Image"/>: 0 = background, k + 1 = ink of
/// token k. The mask of token k is <c>CharacterMask[i] == k + 1</c>; see <see cref="MaskOf"/>.
/// </param>
public sealed record PlateSample(
    PixelImage Image,
    string Text,
    IReadOnlyList<string> Tokens,
    PlateType Type,
    Quad PlateCorners,
    IReadOnlyList<Quad> CharacterCorners,
    IReadOnlyList<PixelRect> CharacterBoxes,
    IReadOnlyList<int> CharacterRows,
    byte[] CharacterMask)
{
    /// <summary>The binary mask (0/1) of token <paramref name="tokenIndex"/> at full resolution.</summary>
    public byte[] MaskOf(int tokenIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tokenIndex, Tokens.Count);
        var id = (byte)(tokenIndex + 1);
        var mask = new byte[CharacterMask.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = CharacterMask[i] == id ? (byte)1 : (byte)0;
        }

        return mask;
    }
}
