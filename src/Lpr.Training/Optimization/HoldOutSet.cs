using Lpr.Training.Data;

namespace Lpr.Training.Optimization;

/// <summary>
/// The fixed hold-out of a run, rendered once (in parallel) on first use and kept: re-rendering it
/// at every validation would cost seconds of the single renderer thread each time for the very same
/// pixels.
/// </summary>
internal sealed class HoldOutSet<TSample>(ISampleSource<TSample> source, int count)
{
    private TSample[]? samples;

    public int Count => count;

    /// <summary>Samples <paramref name="start"/> … <paramref name="start"/>+<paramref name="length"/>−1.</summary>
    public TSample[] Slice(int start, int length)
    {
        if (samples is null)
        {
            var rendered = new TSample[count];
            Parallel.For(0, rendered.Length, i => rendered[i] = source.Create(i));
            samples = rendered;
        }

        return samples[start..(start + length)];
    }
}
