using Lpr.Core.Plates;

namespace Lpr.Core.Tests.Decoding;

/// <summary>Builds CTC score matrices for tests: paths of classes per frame, one-hot or noisy.</summary>
internal static class CtcMatrices
{
    public static PlateAlphabet Labels => PlateAlphabet.Default;

    /// <summary>Our models' blank: one past the 67 labels.</summary>
    public static int Blank => Labels.Count;

    public static int ClassCount => Labels.Count + 1;

    public static int[] Classes(string plate) => [.. Labels.Tokenize(plate).Select(Labels.IndexOf)];

    /// <summary>
    /// A valid CTC alignment of <paramref name="tokens"/>: random leading/trailing blanks, each token
    /// held 1–3 frames, a blank between equal neighbours (required) and sometimes between others.
    /// </summary>
    public static int[] Alignment(int[] tokens, int blank, Random random)
    {
        var frames = new List<int>();
        frames.AddRange(Enumerable.Repeat(blank, random.Next(3)));
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0 && (tokens[i] == tokens[i - 1] || random.Next(3) == 0))
            {
                frames.AddRange(Enumerable.Repeat(blank, 1 + random.Next(2)));
            }

            frames.AddRange(Enumerable.Repeat(tokens[i], 1 + random.Next(3)));
        }

        frames.AddRange(Enumerable.Repeat(blank, random.Next(3)));
        return [.. frames];
    }

    /// <summary>Probabilities: 1 on the path's class, 0 elsewhere.</summary>
    public static float[] OneHot(int[] frames, int classCount)
    {
        var scores = new float[frames.Length * classCount];
        for (var t = 0; t < frames.Length; t++)
        {
            scores[(t * classCount) + frames[t]] = 1f;
        }

        return scores;
    }

    /// <summary>Logits: uniform noise in [-2, 2] with the path's class raised by <paramref name="margin"/>.</summary>
    public static float[] NoisyLogits(int[] frames, int classCount, float margin, Random random)
    {
        var scores = new float[frames.Length * classCount];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (random.NextSingle() * 4f) - 2f;
        }

        for (var t = 0; t < frames.Length; t++)
        {
            scores[(t * classCount) + frames[t]] = 2f + margin;
        }

        return scores;
    }

    /// <summary>Random probability rows (normalised exponentials of random logits with a random temperature).</summary>
    public static float[] RandomProbabilities(int timeSteps, int classCount, Random random)
    {
        var scores = new float[timeSteps * classCount];
        for (var t = 0; t < timeSteps; t++)
        {
            var row = scores.AsSpan(t * classCount, classCount);
            var temperature = 0.2f + (random.NextSingle() * 3f);
            var sum = 0f;
            for (var c = 0; c < classCount; c++)
            {
                row[c] = MathF.Exp(((random.NextSingle() * 8f) - 4f) / temperature);
                sum += row[c];
            }

            for (var c = 0; c < classCount; c++)
            {
                row[c] /= sum;
            }
        }

        return scores;
    }

    public static float[] Softmax(float[] logits, int classCount)
    {
        var probabilities = new float[logits.Length];
        for (var row = 0; row < logits.Length; row += classCount)
        {
            var max = logits.AsSpan(row, classCount).ToArray().Max();
            var sum = 0f;
            for (var c = 0; c < classCount; c++)
            {
                probabilities[row + c] = MathF.Exp(logits[row + c] - max);
                sum += probabilities[row + c];
            }

            for (var c = 0; c < classCount; c++)
            {
                probabilities[row + c] /= sum;
            }
        }

        return probabilities;
    }
}
