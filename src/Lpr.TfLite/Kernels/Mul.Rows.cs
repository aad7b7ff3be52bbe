using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// The AVX2 path of quantized MUL, eight outputs at a time along the innermost dimension. It applies when along every
/// output row each input either runs contiguously or repeats one value: same shapes, and the recognizer's attention
/// pooling, where a character mask [16,128,1] scales the feature map [1,128,C] (a quarter of the recognizer's time
/// went there, one scalar requantization per element). The integers are the scalar loop's: the offset inputs'
/// product wraps in int32 as there, and <see cref="Requantizer.MultiplyByQuantizedMultiplier"/> is exact for shifts
/// within ±31, the only ones it is used with. Where AVX2 is missing (arm64) the same rows run four outputs at a time
/// (<see cref="Lanes4"/>, AdvSimd's doubling high multiply on arm64).
/// </summary>
internal sealed partial class Mul
{
    private readonly bool vectorized;
    private readonly bool vectorized4;
    private readonly bool advSimd;
    private int rowLength;
    private bool scalarRowsA, scalarRowsB;

    /// <summary>Finds the row structure; false when an input's rows are neither contiguous nor one repeated value.</summary>
    private bool PlanRows(KernelTensor result)
    {
        if (sameShape)
        {
            rowLength = Math.Max(1, result.ElementCount);
            return true;
        }

        rowLength = result.Rank == 0 ? 1 : result.Shape[^1];
        if (rowLength < Lanes8.Count)
        {
            return false;
        }

        var contiguousA = RowsAre(indexA, 1);
        var contiguousB = RowsAre(indexB, 1);
        scalarRowsA = RowsAre(indexA, 0);
        scalarRowsB = RowsAre(indexB, 0);
        return (contiguousA || scalarRowsA) && (contiguousB || scalarRowsB);
    }

    /// <summary>True when index[row start + j] = index[row start] + step·j in every row.</summary>
    private bool RowsAre(int[] index, int step)
    {
        for (var start = 0; start < index.Length; start += rowLength)
        {
            for (var j = 1; j < rowLength; j++)
            {
                if (index[start + j] != index[start] + (step * j))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void EvalRows4<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        var (vOffsetA, vOffsetB) = (Vector128.Create(offsetA), Vector128.Create(offsetB));
        var (vOutputOffset, vMin, vMax) = (Vector128.Create(outputOffset), Vector128.Create(actMin), Vector128.Create(actMax));
        for (var start = 0; start < result.Length; start += rowLength)
        {
            var baseA = sameShape ? start : indexA[start];
            var baseB = sameShape ? start : indexB[start];
            var repeatedA = Vector128.Create(int.CreateTruncating(x[baseA])) + vOffsetA;
            var repeatedB = Vector128.Create(int.CreateTruncating(y[baseB])) + vOffsetB;
            var j = 0;
            for (; j + Lanes4.Count <= rowLength; j += Lanes4.Count)
            {
                var valueA = scalarRowsA ? repeatedA : Lanes4.Load(x.Slice(baseA + j)) + vOffsetA;
                var valueB = scalarRowsB ? repeatedB : Lanes4.Load(y.Slice(baseB + j)) + vOffsetB;
                var raw = Lanes4.MultiplyByQuantizedMultiplier(valueA * valueB, multiplier, shift, advSimd) + vOutputOffset;
                Lanes4.Store(Vector128.Min(Vector128.Max(raw, vMin), vMax), result.Slice(start + j, Lanes4.Count));
            }

            EvalRowTail(x, y, result, start, baseA, baseB, j);
        }
    }

    /// <summary>The scalar rest of one row, from <paramref name="j"/> on.</summary>
    private void EvalRowTail<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result, int start, int baseA, int baseB, int j)
        where T : unmanaged, INumberBase<T>
    {
        for (; j < rowLength; j++)
        {
            var valueA = int.CreateTruncating(x[baseA + (scalarRowsA ? 0 : j)]) + offsetA;
            var valueB = int.CreateTruncating(y[baseB + (scalarRowsB ? 0 : j)]) + offsetB;
            var raw = QuantizedMath.MultiplyByQuantizedMultiplier(valueA * valueB, multiplier, shift) + outputOffset;
            result[start + j] = T.CreateTruncating(KernelUtil.Clamp(raw, actMin, actMax));
        }
    }

    private void EvalRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumberBase<T>
    {
        var (vOffsetA, vOffsetB) = (Vector256.Create(offsetA), Vector256.Create(offsetB));
        var (vMultiplier, vShift) = (Vector256.Create(multiplier), Vector256.Create(shift));
        var (vOutputOffset, vMin, vMax) = (Vector256.Create(outputOffset), Vector256.Create(actMin), Vector256.Create(actMax));
        for (var start = 0; start < result.Length; start += rowLength)
        {
            var baseA = sameShape ? start : indexA[start];
            var baseB = sameShape ? start : indexB[start];
            var repeatedA = Vector256.Create(int.CreateTruncating(x[baseA])) + vOffsetA;
            var repeatedB = Vector256.Create(int.CreateTruncating(y[baseB])) + vOffsetB;
            var j = 0;
            for (; j + Lanes8.Count <= rowLength; j += Lanes8.Count)
            {
                var valueA = scalarRowsA ? repeatedA : Lanes8.Load(x.Slice(baseA + j)) + vOffsetA;
                var valueB = scalarRowsB ? repeatedB : Lanes8.Load(y.Slice(baseB + j)) + vOffsetB;
                var raw = Requantizer.MultiplyByQuantizedMultiplier(valueA * valueB, vMultiplier, vShift) + vOutputOffset;
                Lanes8.Store(Avx2.Min(Avx2.Max(raw, vMin), vMax), result.Slice(start + j, Lanes8.Count));
            }

            EvalRowTail(x, y, result, start, baseA, baseB, j);
        }
    }
}
