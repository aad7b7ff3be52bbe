namespace Lpr.Synth;

/// <summary>
/// The random source of sample <c>index</c> under <c>seed</c>: derived from both alone (SplitMix64),
/// so a sample is the same whichever worker thread renders it and in whatever order.
/// </summary>
public static class SampleRandom
{
    public static Random For(long seed, long index) => new(DeriveSeed(seed, index));

    public static int DeriveSeed(long seed, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ unchecked((ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
