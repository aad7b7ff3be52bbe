using Lpr.Core.Plates;

namespace Lpr.Core.Decoding;

/// <summary>
/// How the classes of a CTC output map to text: class c &lt; labels.Count has label c; the blank,
/// padding labels (whitespace) and classes beyond the labels are silent (they emit nothing and,
/// like the blank, separate repeated characters).
/// </summary>
internal sealed class CtcClassMap
{
    public CtcClassMap(PlateAlphabet labels, int blankIndex, int? classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ClassCount = classCount ?? Math.Max(labels.Count, blankIndex + 1);
        if (ClassCount < labels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), ClassCount, $"The output has fewer classes than the {labels.Count} labels.");
        }

        if (blankIndex < 0 || blankIndex >= ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(blankIndex), blankIndex, $"The blank index must be a class of the output (0 … {ClassCount - 1}).");
        }

        Labels = labels;
        BlankIndex = blankIndex;
        Silent = new bool[ClassCount];
        for (var c = 0; c < ClassCount; c++)
        {
            Silent[c] = c == blankIndex || c >= labels.Count || labels.IsPadding(c);
        }
    }

    public PlateAlphabet Labels { get; }

    public int BlankIndex { get; }

    public int ClassCount { get; }

    /// <summary>Per class: emits no text.</summary>
    public bool[] Silent { get; }
}
