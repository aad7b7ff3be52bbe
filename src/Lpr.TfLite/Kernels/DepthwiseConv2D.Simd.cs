using System.Numerics;
using System.Runtime.InteropServices;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// The vectorized DEPTHWISE_CONV_2D. Per output row, the kH input rows it reads are widened once to int32 with the
/// input offset applied (each input channel repeated depth-multiplier times, channels padded to a whole vector);
/// then per output pixel and per vector of channels the taps accumulate in a register, in hardware-width
/// <see cref="Vector{T}"/> lanes (8 on AVX2, 4 on NEON). Widening per tap and per pixel cost more than the
/// multiply-adds did (the kernel ran at a third of CONV_2D's rate). Padded taps are skipped as in the reference,
/// so sums are identical; <see cref="Requantizer"/> scales them.
/// </summary>
internal sealed partial class DepthwiseConv2D
{
    /// <summary>outC rounded up to whole vectors.</summary>
    private int paddedC;

    /// <summary>Filter with the filter offset applied, [KH*KW][paddedC], zero in the padding lanes.</summary>
    private int[] paddedFilter = [];

    /// <summary>The kH widened input rows of the current output row, [kH][inW][paddedC].</summary>
    private int[] widenedRows = [];

    /// <summary>The accumulators of one output pixel, [paddedC].</summary>
    private int[] accumulators = [];

    private Requantizer requantizer = null!;

    private void PrepareSimd(KernelContext context, bool portable)
    {
        requantizer = new Requantizer(bias, multipliers, shifts, outputOffset, actMin, actMax, portable);
        var lanes = Vector<int>.Count;
        paddedC = (outC + lanes - 1) / lanes * lanes;
        paddedFilter = context.Scratch<int>((long)kH * kW * paddedC, "padded filter");
        for (var tap = 0; tap < kH * kW; tap++)
        {
            filter.AsSpan(tap * outC, outC).CopyTo(paddedFilter.AsSpan(tap * paddedC, outC));
        }

        widenedRows = context.Scratch<int>((long)kH * inW * paddedC, "widened input rows");
        accumulators = context.Scratch<int>(paddedC, "accumulators");
    }

    private void EvalSimd<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        var lanes = Vector<int>.Count;
        var rowLength = inW * paddedC;
        ref var rowsRef = ref MemoryMarshal.GetArrayDataReference(widenedRows);
        ref var filterRef = ref MemoryMarshal.GetArrayDataReference(paddedFilter);
        ref var accRef = ref MemoryMarshal.GetArrayDataReference(accumulators);
        Span<bool> rowRead = stackalloc bool[kH];
        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var fy = 0; fy < kH; fy++)
                {
                    var inY = inYOrigin + (dilationH * fy);
                    rowRead[fy] = (uint)inY < (uint)inH;
                    if (rowRead[fy])
                    {
                        WidenRow(inputData.Slice(((b * inH) + inY) * inW * inC, inW * inC), widenedRows.AsSpan(fy * rowLength, rowLength));
                    }
                }

                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    for (var c = 0; c < paddedC; c += lanes)
                    {
                        var sum = Vector<int>.Zero;
                        for (var fy = 0; fy < kH; fy++)
                        {
                            if (!rowRead[fy])
                            {
                                continue;
                            }

                            for (var fx = 0; fx < kW; fx++)
                            {
                                var inX = inXOrigin + (dilationW * fx);
                                if ((uint)inX < (uint)inW)
                                {
                                    var x = Vector.LoadUnsafe(ref rowsRef, (nuint)((fy * rowLength) + (inX * paddedC) + c));
                                    var w = Vector.LoadUnsafe(ref filterRef, (nuint)((((fy * kW) + fx) * paddedC) + c));
                                    sum += x * w;
                                }
                            }
                        }

                        sum.StoreUnsafe(ref accRef, (nuint)c);
                    }

                    requantizer.Requantize(accumulators.AsSpan(0, outC), outputData.Slice((((b * outH) + oy) * outW + ox) * outC, outC));
                }
            }
        }
    }

    /// <summary>One input row [inW][inC] as int32 with the input offset, into [inW][paddedC] (channels repeated depth-multiplier times).</summary>
    private void WidenRow<T>(ReadOnlySpan<T> row, Span<int> destination)
        where T : unmanaged, INumberBase<T>
    {
        if (depthMultiplier == 1 && paddedC == inC)
        {
            // The row is contiguous in both layouts: one vectorized pass.
            if (typeof(T) == typeof(sbyte))
            {
                WidenContiguous(MemoryMarshal.Cast<T, sbyte>(row), inputOffset, destination);
            }
            else
            {
                WidenContiguous(MemoryMarshal.Cast<T, byte>(row), inputOffset, destination);
            }

            return;
        }

        for (var x = 0; x < inW; x++)
        {
            var pixel = destination.Slice(x * paddedC, outC);
            for (var c = 0; c < inC; c++)
            {
                pixel.Slice(c * depthMultiplier, depthMultiplier).Fill(int.CreateTruncating(row[(x * inC) + c]) + inputOffset);
            }
        }
    }

    private static void WidenContiguous(ReadOnlySpan<sbyte> source, int offset, Span<int> destination)
    {
        var step = Vector<sbyte>.Count;
        var lanes = Vector<int>.Count;
        var shift = new Vector<int>(offset);
        var i = 0;
        for (; i + step <= source.Length; i += step)
        {
            Vector.Widen(new Vector<sbyte>(source.Slice(i)), out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            (a + shift).CopyTo(destination.Slice(i));
            (b + shift).CopyTo(destination.Slice(i + lanes));
            (c + shift).CopyTo(destination.Slice(i + (2 * lanes)));
            (d + shift).CopyTo(destination.Slice(i + (3 * lanes)));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] + offset;
        }
    }

    private static void WidenContiguous(ReadOnlySpan<byte> source, int offset, Span<int> destination)
    {
        var step = Vector<byte>.Count;
        var lanes = Vector<int>.Count;
        var shift = new Vector<int>(offset);
        var i = 0;
        for (; i + step <= source.Length; i += step)
        {
            Vector.Widen(new Vector<byte>(source.Slice(i)), out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            (Vector.AsVectorInt32(a) + shift).CopyTo(destination.Slice(i));
            (Vector.AsVectorInt32(b) + shift).CopyTo(destination.Slice(i + lanes));
            (Vector.AsVectorInt32(c) + shift).CopyTo(destination.Slice(i + (2 * lanes)));
            (Vector.AsVectorInt32(d) + shift).CopyTo(destination.Slice(i + (3 * lanes)));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] + offset;
        }
    }
}
