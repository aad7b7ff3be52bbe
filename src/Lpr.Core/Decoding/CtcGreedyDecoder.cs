using System.Text;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;

namespace Lpr.Core.Decoding;

/// <summary>
/// Best-path CTC decoding: the most probable class per frame, repeats merged, silent classes
/// (blank, padding labels) dropped. Unconstrained: the text may be any label sequence. Allocates
/// only the result. Not thread-safe (reuses a text buffer): one instance per worker.
/// </summary>
public sealed class CtcGreedyDecoder
{
    private readonly CtcClassMap map;
    private readonly StringBuilder text = new(16);
    private readonly List<CharacterConfidence> characters = new(16);

    /// <param name="labels">Labels by class index.</param>
    /// <param name="blankIndex">The CTC blank class.</param>
    /// <param name="classCount">Classes per frame; default max(labels, blank + 1).</param>
    public CtcGreedyDecoder(PlateAlphabet labels, int blankIndex, int? classCount = null)
    {
        map = new CtcClassMap(labels, blankIndex, classCount);
    }

    public int ClassCount => map.ClassCount;

    /// <summary>Decodes a row-major <c>[timeSteps, ClassCount]</c> matrix.</summary>
    public CtcDecodeResult Decode(ReadOnlySpan<float> scores, int timeSteps, CtcScoreKind kind = CtcScoreKind.Auto)
    {
        var classCount = map.ClassCount;
        CtcScores.Validate(scores, timeSteps, classCount);
        kind = CtcScores.Resolve(scores, classCount, kind);
        text.Clear();
        characters.Clear();
        var previous = -1;
        var confidence = 1f;
        for (var t = 0; t < timeSteps; t++)
        {
            var frame = scores.Slice(t * classCount, classCount);
            var best = 0;
            for (var c = 1; c < classCount; c++)
            {
                if (frame[c] > frame[best])
                {
                    best = c;
                }
            }

            var probability = kind == CtcScoreKind.Probabilities
                ? frame[best]
                : MathF.Exp(frame[best] - CtcScores.LogSumExp(frame));
            if (!map.Silent[best])
            {
                if (best != previous)
                {
                    text.Append(map.Labels[best]);
                    characters.Add(new CharacterConfidence(map.Labels[best], probability));
                }
                else if (probability > characters[^1].Confidence)
                {
                    characters[^1] = characters[^1] with { Confidence = probability };
                }
            }

            previous = best;
        }

        if (characters.Count == 0)
        {
            return CtcDecodeResult.Empty;
        }

        foreach (var character in characters)
        {
            confidence *= character.Confidence;
        }

        return new CtcDecodeResult(text.ToString(), confidence, [.. characters]);
    }
}
