using CsCheck;
using Lpr.TfLite.Kernels;

namespace Lpr.TfLite.Tests.Kernels;

/// <summary>
/// The vectorized output stage (<see cref="Requantizer"/>) equals the scalar reference formula channel for channel, on
/// any accumulator, any multiplier QuantizeMultiplier makes and any shift, including the rounding ties and the
/// wrapping left shifts, for channel counts that leave a scalar tail.
/// </summary>
public sealed class RequantizerTests
{
    private sealed record Case(int[] Accumulators, int[] Bias, int[] Multipliers, int[] Shifts, int Offset, int Min, int Max);

    /// <summary>Accumulators: any int, small ones, rounding ties and the extremes (shared with <see cref="Lanes4Tests"/>).</summary>
    internal static readonly Gen<int> Accumulator = Gen.OneOf(
        Gen.Int,
        Gen.Int[-(1 << 20), 1 << 20],
        Gen.Int[-40, 40].Select(k => k << 12), // exact multiples: rounding ties after the shift
        Gen.OneOf(Gen.Const(int.MinValue), Gen.Const(int.MaxValue), Gen.Const(0), Gen.Const(-1), Gen.Const(1)));

    /// <summary>Multipliers as QuantizeMultiplier makes them, [2^30, 2^31).</summary>
    internal static readonly Gen<int> Multiplier = Gen.OneOf(Gen.Int[1 << 30, int.MaxValue], Gen.OneOf(Gen.Const(1 << 30), Gen.Const(int.MaxValue)));

    private static readonly Gen<Case> Cases =
        Gen.Int[1, 40].SelectMany(channels => Gen.Select(
            Accumulator.Array[channels],
            Gen.Int[-5000, 5000].Array[channels],
            Multiplier.Array[channels],
            Gen.Int[-31, 31].Array[channels],
            Gen.Int[-128, 127],
            Gen.OneOf(Gen.Const((-128, 127)), Gen.Const((-128, 0)), Gen.Const((-20, 90))),
            (acc, bias, multipliers, shifts, offset, range) => new Case(acc, bias, multipliers, shifts, offset, range.Item1, range.Item2)));

    private static int Reference(Case c, int channel)
    {
        var value = unchecked(c.Accumulators[channel] + c.Bias[channel]);
        value = QuantizedMath.MultiplyByQuantizedMultiplier(value, c.Multipliers[channel], c.Shifts[channel]) + c.Offset;
        return KernelUtil.Clamp(value, c.Min, c.Max);
    }

    [Fact]
    public void Every_path_equals_the_scalar_formula() =>
        Cases.Sample(c =>
        {
            foreach (var portable in new[] { false, true })
            {
                var output = new sbyte[c.Accumulators.Length];
                new Requantizer(c.Bias, c.Multipliers, c.Shifts, c.Offset, c.Min, c.Max, portable).Requantize<sbyte>(c.Accumulators, output);
                for (var channel = 0; channel < output.Length; channel++)
                {
                    Assert.Equal(Reference(c, channel), output[channel]);
                }
            }
        });

    [Fact]
    public void Unsigned_outputs_take_the_same_values()
    {
        var channels = 11;
        var c = new Case(
            [.. Enumerable.Range(0, channels).Select(i => (i - 5) * 9_731)],
            new int[channels],
            [.. Enumerable.Repeat(1_518_500_250, channels)],
            [.. Enumerable.Range(0, channels).Select(i => -i)],
            128,
            0,
            255);
        var output = new byte[channels];

        new Requantizer(c.Bias, c.Multipliers, c.Shifts, c.Offset, c.Min, c.Max).Requantize<byte>(c.Accumulators, output);

        Assert.Equal(Enumerable.Range(0, channels).Select(i => Reference(c, i)), output.Select(b => (int)b));
        Assert.Contains(output, b => b is not 0 and not 255);
    }
}
