using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Four 8-bit tensor values (sbyte or byte) to and from four int32 lanes, and the per-tensor requantization on them:
/// the elementwise kernels' path where AVX2 is missing (arm64's AdvSimd, or any CPU with a hardware
/// <see cref="Vector128"/>). Loads and stores are the cross-platform API; only the doubling high multiply has an
/// AdvSimd form.
/// </summary>
internal static class Lanes4
{
    public const int Count = 4;

    /// <summary>The first four values, sign- or zero-extended as <typeparamref name="T"/> says.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Load<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = Vector128.CreateScalar(MemoryMarshal.Read<int>(MemoryMarshal.AsBytes(values.Slice(0, Count))));
        return typeof(T) == typeof(sbyte)
            ? Vector128.WidenLower(Vector128.WidenLower(bytes.AsSByte()))
            : Vector128.WidenLower(Vector128.WidenLower(bytes.AsByte())).AsInt32();
    }

    /// <summary>Writes four lanes already clamped to <typeparamref name="T"/>'s range as four 8-bit values (narrowing only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector128<int> values, Span<T> output)
        where T : unmanaged
    {
        var shorts = Vector128.Narrow(values, values);
        var bytes = Vector128.Narrow(shorts, shorts);
        MemoryMarshal.Write(MemoryMarshal.AsBytes(output.Slice(0, Count)), bytes.AsInt32().ToScalar());
    }

    /// <summary>
    /// <see cref="QuantizedMath.MultiplyByQuantizedMultiplier"/> of four lanes by one multiplier and one shift within
    /// ±31 (a per-tensor requantization). The doubling high multiply is AdvSimd's SQRDMULH when
    /// <paramref name="advSimd"/> (see <see cref="Requantizer"/> for why it is the reference's rounding); otherwise
    /// the 64-bit products floor((a·b + 2^30) / 2^31), the same integers for every multiplier but −2^31, which
    /// <see cref="QuantizedMath.QuantizeMultiplier"/> never makes. The rounding divide is the reference's mask,
    /// remainder and threshold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyByQuantizedMultiplier(Vector128<int> x, int multiplier, int shift, bool advSimd)
    {
        var left = Math.Max(shift, 0);
        var right = Math.Max(-shift, 0);
        x = Vector128.ShiftLeft(x, left);
        Vector128<int> high;
        if (advSimd && AdvSimd.IsSupported)
        {
            high = AdvSimd.MultiplyRoundedDoublingSaturateHigh(x, Vector128.Create(multiplier));
        }
        else
        {
            var m = Vector128.Create((long)multiplier);
            var nudge = Vector128.Create(1L << 30);
            var lower = Vector128.ShiftRightArithmetic((Vector128.WidenLower(x) * m) + nudge, 31);
            var upper = Vector128.ShiftRightArithmetic((Vector128.WidenUpper(x) * m) + nudge, 31);
            high = Vector128.Narrow(lower, upper);
        }

        var mask = (int)((1L << right) - 1);
        var remainder = high & Vector128.Create(mask);
        var threshold = Vector128.Create(mask >> 1) - Vector128.LessThan(high, Vector128<int>.Zero);
        return Vector128.ShiftRightArithmetic(high, right) - Vector128.GreaterThan(remainder, threshold);
    }
}
