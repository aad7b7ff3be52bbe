using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Integer dot products of int16 vectors accumulated in int32, the inner loop of the quantized conv,
/// depthwise, FC and batch-matmul kernels. Operands are 8-bit values already offset by their zero points
/// (|value| ≤ 255), so every product and every pairwise sum fits int32 exactly and the result equals the
/// scalar sum bit for bit. x64 uses AVX2 pmaddwd, arm64 uses NEON smlal/smlal2, elsewhere portable
/// Vector128 widening; <c>portable: true</c> takes the portable path on any CPU, so an x64 machine checks what a
/// CPU without AVX2 or NEON runs (<see cref="Interpreter.SimdPath.Portable"/>). Lengths must be multiples of
/// <see cref="Block"/> (callers pad with zeros).
/// </summary>
internal static class SimdDot
{
    /// <summary>The padding granularity of operand rows (16 int16 = one 256-bit vector).</summary>
    public const int Block = 16;

    /// <summary>Rounds <paramref name="length"/> up to a multiple of <see cref="Block"/>.</summary>
    public static int PaddedLength(int length) => (length + Block - 1) / Block * Block;

    /// <summary>The instructions the non-portable path uses on this CPU: <c>avx2</c>, <c>advsimd</c> or <c>vector128</c>.</summary>
    public static string BestPath => Avx2.IsSupported ? "avx2" : AdvSimd.IsSupported ? "advsimd" : "vector128";

    /// <summary>Σ a[i]*b[i] over a padded length.</summary>
    public static int Dot(ReadOnlySpan<short> a, ReadOnlySpan<short> b, bool portable = false)
    {
        var length = a.Length;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        if (Avx2.IsSupported && !portable)
        {
            var acc = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(
                    Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)));
            }

            return Vector256.Sum(acc);
        }

        if (AdvSimd.IsSupported && !portable)
        {
            var acc = Vector128<int>.Zero;
            for (var i = 0; i < length; i += 8)
            {
                var va = Vector128.LoadUnsafe(ref pa, (nuint)i);
                var vb = Vector128.LoadUnsafe(ref pb, (nuint)i);
                acc = AdvSimd.MultiplyWideningLowerAndAdd(acc, va.GetLower(), vb.GetLower());
                acc = AdvSimd.MultiplyWideningUpperAndAdd(acc, va, vb);
            }

            return Vector128.Sum(acc);
        }

        var sum = Vector128<int>.Zero;
        for (var i = 0; i < length; i += 8)
        {
            var va = Vector128.LoadUnsafe(ref pa, (nuint)i);
            var vb = Vector128.LoadUnsafe(ref pb, (nuint)i);
            sum += (Vector128.WidenLower(va) * Vector128.WidenLower(vb)) + (Vector128.WidenUpper(va) * Vector128.WidenUpper(vb));
        }

        return Vector128.Sum(sum);
    }

    /// <summary>
    /// Four dot products of one column against four consecutive rows of <paramref name="rows"/> (row stride =
    /// column length): the column is loaded once per step, which is what makes conv/FC fast.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dot4(ReadOnlySpan<short> column, ReadOnlySpan<short> rows, Span<int> results, bool portable = false)
    {
        var length = column.Length;
        ref var pc = ref MemoryMarshal.GetReference(column);
        ref var p0 = ref MemoryMarshal.GetReference(rows);
        ref var p1 = ref Unsafe.Add(ref p0, length);
        ref var p2 = ref Unsafe.Add(ref p1, length);
        ref var p3 = ref Unsafe.Add(ref p2, length);
        if (Avx2.IsSupported && !portable)
        {
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var i = 0; i < length; i += 16)
            {
                var c = Vector256.LoadUnsafe(ref pc, (nuint)i);
                a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(c, Vector256.LoadUnsafe(ref p0, (nuint)i)));
                a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(c, Vector256.LoadUnsafe(ref p1, (nuint)i)));
                a2 = Avx2.Add(a2, Avx2.MultiplyAddAdjacent(c, Vector256.LoadUnsafe(ref p2, (nuint)i)));
                a3 = Avx2.Add(a3, Avx2.MultiplyAddAdjacent(c, Vector256.LoadUnsafe(ref p3, (nuint)i)));
            }

            // Four horizontal sums at once: pairwise adds fold the four accumulators into one vector.
            var sums = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
            (sums.GetLower() + sums.GetUpper()).StoreUnsafe(ref MemoryMarshal.GetReference(results));
            return;
        }

        if (AdvSimd.IsSupported && !portable)
        {
            Vector128<int> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var i = 0; i < length; i += 8)
            {
                var c = Vector128.LoadUnsafe(ref pc, (nuint)i);
                var cl = c.GetLower();
                var r0 = Vector128.LoadUnsafe(ref p0, (nuint)i);
                var r1 = Vector128.LoadUnsafe(ref p1, (nuint)i);
                var r2 = Vector128.LoadUnsafe(ref p2, (nuint)i);
                var r3 = Vector128.LoadUnsafe(ref p3, (nuint)i);
                a0 = AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningLowerAndAdd(a0, cl, r0.GetLower()), c, r0);
                a1 = AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningLowerAndAdd(a1, cl, r1.GetLower()), c, r1);
                a2 = AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningLowerAndAdd(a2, cl, r2.GetLower()), c, r2);
                a3 = AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningLowerAndAdd(a3, cl, r3.GetLower()), c, r3);
            }

            results[0] = Vector128.Sum(a0);
            results[1] = Vector128.Sum(a1);
            results[2] = Vector128.Sum(a2);
            results[3] = Vector128.Sum(a3);
            return;
        }

        results[0] = Dot(column, rows.Slice(0, length), portable: true);
        results[1] = Dot(column, rows.Slice(length, length), portable: true);
        results[2] = Dot(column, rows.Slice(2 * length, length), portable: true);
        results[3] = Dot(column, rows.Slice(3 * length, length), portable: true);
    }

    /// <summary>
    /// Widens 8-bit values (sbyte or byte) plus an offset into int16, sixteen at a time (the rest one by one): the
    /// columns of the conv and fully-connected kernels. The offset is a zero point's negation and the values 8-bit, so
    /// every sum fits int16.
    /// </summary>
    public static void WidenWithOffset<T>(ReadOnlySpan<T> source, int offset, Span<short> destination)
        where T : unmanaged
    {
        if (typeof(T) == typeof(sbyte))
        {
            WidenWithOffset(MemoryMarshal.Cast<T, sbyte>(source), offset, destination);
        }
        else
        {
            WidenWithOffset(MemoryMarshal.Cast<T, byte>(source), offset, destination);
        }
    }

    private static void WidenWithOffset(ReadOnlySpan<sbyte> source, int offset, Span<short> destination)
    {
        var shift = Vector128.Create((short)offset);
        var i = 0;
        for (; i + Vector128<sbyte>.Count <= source.Length; i += Vector128<sbyte>.Count)
        {
            var values = Vector128.Create(source.Slice(i, Vector128<sbyte>.Count));
            (Vector128.WidenLower(values) + shift).CopyTo(destination.Slice(i));
            (Vector128.WidenUpper(values) + shift).CopyTo(destination.Slice(i + Vector128<short>.Count));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (short)(source[i] + offset);
        }
    }

    private static void WidenWithOffset(ReadOnlySpan<byte> source, int offset, Span<short> destination)
    {
        var shift = Vector128.Create((short)offset);
        var i = 0;
        for (; i + Vector128<byte>.Count <= source.Length; i += Vector128<byte>.Count)
        {
            var values = Vector128.Create(source.Slice(i, Vector128<byte>.Count));
            (Vector128.WidenLower(values).AsInt16() + shift).CopyTo(destination.Slice(i));
            (Vector128.WidenUpper(values).AsInt16() + shift).CopyTo(destination.Slice(i + Vector128<short>.Count));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (short)(source[i] + offset);
        }
    }
}
