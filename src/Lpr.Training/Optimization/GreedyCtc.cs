using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>Best-path CTC decoding for validation metrics: argmax per slot, merge repeats, drop blanks.</summary>
public static class GreedyCtc
{
    /// <param name="logits">[B, T, C].</param>
    public static int[][] Decode(Tensor logits, int blank)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var best = logits.argmax(-1).cpu();
        var (batch, steps) = ((int)best.shape[0], (int)best.shape[1]);
        var indices = best.data<long>().ToArray();
        var result = new int[batch][];
        var tokens = new List<int>(steps);
        for (var b = 0; b < batch; b++)
        {
            tokens.Clear();
            var previous = -1L;
            for (var t = 0; t < steps; t++)
            {
                var k = indices[(b * steps) + t];
                if (k != blank && k != previous)
                {
                    tokens.Add((int)k);
                }

                previous = k;
            }

            result[b] = [.. tokens];
        }

        return result;
    }
}
