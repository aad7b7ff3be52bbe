namespace Lpr.Core.Decoding;

/// <summary>Shared checks and conversions of a row-major <c>[T, C]</c> CTC score matrix.</summary>
public static class CtcScores
{
    /// <summary>How far a frame's sum may be from 1 and still count as probabilities under <see cref="CtcScoreKind.Auto"/>.</summary>
    public const float ProbabilitySumTolerance = 0.1f;

    /// <summary>Floor for log(p) so a zero probability stays finite.</summary>
    internal const float MinLogProbability = -60f;

    /// <summary>Throws a clear error when the matrix does not have <c>timeSteps * classCount</c> finite values.</summary>
    public static void Validate(ReadOnlySpan<float> scores, int timeSteps, int classCount)
    {
        if (timeSteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSteps), timeSteps, "A CTC score matrix needs at least one time step.");
        }

        if ((long)timeSteps * classCount != scores.Length)
        {
            throw new ArgumentException($"Expected {timeSteps} x {classCount} = {(long)timeSteps * classCount} scores, got {scores.Length}.", nameof(scores));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Score at time step {i / classCount}, class {i % classCount} is {scores[i]}.", nameof(scores));
            }
        }
    }

    /// <summary>Resolves <see cref="CtcScoreKind.Auto"/> for a (validated) matrix.</summary>
    public static CtcScoreKind Resolve(ReadOnlySpan<float> scores, int classCount, CtcScoreKind kind)
    {
        if (kind != CtcScoreKind.Auto)
        {
            return kind;
        }

        for (var row = 0; row < scores.Length; row += classCount)
        {
            var sum = 0f;
            foreach (var value in scores.Slice(row, classCount))
            {
                if (value is < 0f or > 1f)
                {
                    return CtcScoreKind.Logits;
                }

                sum += value;
            }

            if (MathF.Abs(sum - 1f) > ProbabilitySumTolerance)
            {
                return CtcScoreKind.Logits;
            }
        }

        return CtcScoreKind.Probabilities;
    }

    /// <summary>Writes log-probabilities of a resolved matrix into <paramref name="destination"/>.</summary>
    public static void ToLogProbabilities(ReadOnlySpan<float> scores, int classCount, CtcScoreKind kind, Span<float> destination)
    {
        if (kind == CtcScoreKind.Auto)
        {
            throw new ArgumentException("Resolve the score kind first.", nameof(kind));
        }

        for (var row = 0; row < scores.Length; row += classCount)
        {
            var source = scores.Slice(row, classCount);
            var target = destination.Slice(row, classCount);
            if (kind == CtcScoreKind.Probabilities)
            {
                for (var c = 0; c < classCount; c++)
                {
                    target[c] = source[c] > 0f ? MathF.Max(MathF.Log(source[c]), MinLogProbability) : MinLogProbability;
                }
            }
            else
            {
                var logSum = LogSumExp(source);
                for (var c = 0; c < classCount; c++)
                {
                    target[c] = MathF.Max(source[c] - logSum, MinLogProbability);
                }
            }
        }
    }

    internal static float LogSumExp(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = MathF.Max(max, v);
        }

        var sum = 0f;
        foreach (var v in values)
        {
            sum += MathF.Exp(v - max);
        }

        return max + MathF.Log(sum);
    }
}
