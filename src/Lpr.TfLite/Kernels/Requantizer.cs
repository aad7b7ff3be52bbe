using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// The output stage of the convolution kernels for one output pixel: every channel's int32 accumulator plus its bias,
/// scaled by its quantized multiplier (<see cref="QuantizedMath.MultiplyByQuantizedMultiplier"/>), offset by the output
/// zero point and clamped. Once the multiply-adds were vectorized, doing this one channel at a time took as long as
/// they did. The AVX2 path computes the same integers eight channels at a time:
/// <list type="bullet">
/// <item>the doubling high multiply with TFLite's nudge, trunc((a·b + (a·b ≥ 0 ? 2^30 : 1 − 2^30)) / 2^31), equals
/// floor((a·b + 2^30) / 2^31) for every a·b (for a·b &lt; 0 the sum is below zero, and truncating it is flooring it
/// after adding 2^31 − 1), which 64-bit lanes give as bits 31..62 of a·b + 2^30; the saturating case needs a
/// multiplier of −2^31, which <see cref="QuantizedMath.QuantizeMultiplier"/> never makes (multipliers are positive);</item>
/// <item>the rounding divide by a power of two is the reference's mask, remainder and threshold, lane by lane.</item>
/// </list>
/// On ARM (AdvSimd: Raspberry Pi 4/5, Coral Dev Board) four channels at a time: there the doubling high multiply with
/// the same rounding is one instruction, SQRDMULH, which computes floor((2·a·b + 2^31) / 2^32), the same floor, and
/// saturates only at a = b = −2^31 as the reference does; the rounding divide is the same mask and threshold.
/// It runs only when every shift is within ±31 (per-lane shifts of 32 or more differ between the vector instructions
/// and C#'s masked shift counts); elsewhere, and on CPUs with neither, the scalar reference loop runs.
/// </summary>
internal sealed class Requantizer
{
    private readonly int[] bias;
    private readonly int[] multipliers;
    private readonly int[] shifts;
    private readonly int outputOffset;
    private readonly int min;
    private readonly int max;
    private readonly bool vectorized;
    private readonly bool vectorizedArm;

    /// <summary>Channels handled at once by the AVX2 path (callers need not pad).</summary>
    private const int Lanes = 8;

    /// <summary>Channels handled at once by the AdvSimd path.</summary>
    private const int ArmLanes = 4;

    public Requantizer(int[] bias, int[] multipliers, int[] shifts, int outputOffset, int min, int max, bool portable = false)
    {
        this.bias = bias;
        this.multipliers = multipliers;
        this.shifts = shifts;
        this.outputOffset = outputOffset;
        this.min = min;
        this.max = max;
        var shiftsFit = Array.TrueForAll(shifts, s => s is >= -31 and <= 31);
        vectorized = Avx2.IsSupported && !portable && shiftsFit;
        vectorizedArm = !vectorized && AdvSimd.IsSupported && !portable && shiftsFit;
    }

    /// <summary>output[c] = clamp(MultiplyByQuantizedMultiplier(accumulators[c] + bias[c], …) + zero point) for every channel.</summary>
    public void Requantize<T>(ReadOnlySpan<int> accumulators, Span<T> output)
        where T : unmanaged, INumberBase<T>
    {
        var channels = output.Length;
        var c = 0;
        if (vectorized)
        {
            for (; c + Lanes <= channels; c += Lanes)
            {
                Lanes8.Store(Requantize8(accumulators.Slice(c, Lanes), c), output.Slice(c, Lanes));
            }
        }
        else if (vectorizedArm)
        {
            for (; c + ArmLanes <= channels; c += ArmLanes)
            {
                Lanes4.Store(Requantize4(accumulators.Slice(c, ArmLanes), c), output.Slice(c, ArmLanes));
            }
        }

        for (; c < channels; c++)
        {
            var value = unchecked(accumulators[c] + bias[c]);
            value = QuantizedMath.MultiplyByQuantizedMultiplier(value, multipliers[c], shifts[c]) + outputOffset;
            output[c] = T.CreateTruncating(KernelUtil.Clamp(value, min, max));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<int> Requantize8(ReadOnlySpan<int> accumulators, int channel)
    {
        var x = Vector256.Create(accumulators) + Vector256.Create(bias.AsSpan(channel, Lanes));
        var value = MultiplyByQuantizedMultiplier(x, Vector256.Create(multipliers.AsSpan(channel, Lanes)), Vector256.Create(shifts.AsSpan(channel, Lanes)));
        value += Vector256.Create(outputOffset);
        return Avx2.Min(Avx2.Max(value, Vector256.Create(min)), Vector256.Create(max));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<int> Requantize4(ReadOnlySpan<int> accumulators, int channel)
    {
        var x = Vector128.Create(accumulators) + Vector128.Create(bias.AsSpan(channel, ArmLanes));
        var value = MultiplyByQuantizedMultiplier(x, Vector128.Create(multipliers.AsSpan(channel, ArmLanes)), Vector128.Create(shifts.AsSpan(channel, ArmLanes)));
        value += Vector128.Create(outputOffset);
        return Vector128.Min(Vector128.Max(value, Vector128.Create(min)), Vector128.Create(max));
    }

    /// <summary>
    /// <see cref="QuantizedMath.MultiplyByQuantizedMultiplier"/> on four lanes (AdvSimd only): shifts within ±31, any
    /// multiplier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyByQuantizedMultiplier(Vector128<int> x, Vector128<int> multiplier, Vector128<int> shift)
    {
        var zero = Vector128<int>.Zero;
        var one = Vector128.Create(1);
        var left = AdvSimd.Max(shift, zero);
        var right = AdvSimd.Max(zero - shift, zero);
        var high = AdvSimd.MultiplyRoundedDoublingSaturateHigh(AdvSimd.ShiftLogical(x, left), multiplier);

        // Rounding divide by 2^right: round half away from zero (a negative count shifts right).
        var mask = AdvSimd.ShiftLogical(one, right) - one;
        var remainder = high & mask;
        var threshold = AdvSimd.ShiftRightArithmetic(mask, 1) - AdvSimd.CompareLessThan(high, zero);
        return AdvSimd.ShiftArithmetic(high, zero - right) - AdvSimd.CompareGreaterThan(remainder, threshold);
    }

    /// <summary>
    /// <see cref="QuantizedMath.MultiplyByQuantizedMultiplier"/> on eight lanes (AVX2 only): shifts within ±31, any
    /// multiplier but −2^31 (negative ones too, as SUB's second input has).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> MultiplyByQuantizedMultiplier(Vector256<int> x, Vector256<int> multiplier, Vector256<int> shift)
    {
        var zero = Vector256<int>.Zero;
        var one = Vector256.Create(1);
        var left = Avx2.Max(shift, zero).AsUInt32();
        var right = Avx2.Max(zero - shift, zero).AsUInt32();
        x = Avx2.ShiftLeftLogicalVariable(x, left);

        // Doubling high multiply: 64-bit products of the even lanes, then of the odd lanes moved down.
        var nudge = Vector256.Create(1L << 30);
        var even = Avx2.Multiply(x, multiplier) + nudge;
        var odd = Avx2.Multiply(Avx2.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(multiplier.AsInt64(), 32).AsInt32()) + nudge;
        var high = Avx2.Blend(Avx2.ShiftRightLogical(even, 31).AsInt32(), Avx2.ShiftLeftLogical(odd, 1).AsInt32(), 0b1010_1010);

        // Rounding divide by 2^right: round half away from zero.
        var mask = Avx2.ShiftLeftLogicalVariable(one, right) - one;
        var remainder = high & mask;
        var threshold = Avx2.ShiftRightArithmetic(mask, 1) - Avx2.CompareGreaterThan(zero, high);
        return Avx2.ShiftRightArithmeticVariable(high, right) - Avx2.CompareGreaterThan(remainder, threshold);
    }
}
