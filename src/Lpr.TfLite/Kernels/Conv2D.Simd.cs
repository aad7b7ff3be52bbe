using System.Numerics;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// The vectorized CONV_2D: im2col of one output pixel into an int16 column (input offset applied, padded
/// taps left at zero so they contribute nothing, exactly as the reference skips them), then four output
/// channels at a time against the filter pre-packed at load as int16 rows (filter offset applied); the pixel's
/// accumulators go through <see cref="Requantizer"/> together. A one-channel input takes the path of
/// Conv2D.SingleInputChannel.cs instead.
/// </summary>
internal sealed partial class Conv2D
{
    private short[] packedFilter = [];
    private short[] column = [];
    private int[] accumulatorRow = [];
    private Requantizer requantizer = null!;
    private int paddedK;
    private int paddedOutC;

    private void PrepareSimd()
    {
        requantizer = new Requantizer(bias, multipliers, shifts, outputOffset, actMin, actMax, portableDot);
        if (inC == 1)
        {
            PrepareSingleInputChannel();
            return;
        }

        var k = kH * kW * inC;
        paddedK = SimdDot.PaddedLength(k);
        paddedOutC = (outC + 3) / 4 * 4;
        packedFilter = new short[paddedOutC * paddedK];
        for (var oc = 0; oc < outC; oc++)
        {
            for (var i = 0; i < k; i++)
            {
                int f = input.Type == Model.TensorType.Int8 ? filterInt8[(oc * k) + i] : filterUInt8[(oc * k) + i];
                packedFilter[(oc * paddedK) + i] = (short)(f + filterOffset);
            }
        }

        column = new short[paddedK];
        accumulatorRow = new int[paddedOutC];
    }

    private void EvalSimd()
    {
        if (inC == 1 && input.Type == Model.TensorType.Int8)
        {
            EvalSingleInputChannel<sbyte>(input.As<sbyte>(), output.As<sbyte>());
        }
        else if (inC == 1)
        {
            EvalSingleInputChannel<byte>(input.Bytes, output.Bytes);
        }
        else if (input.Type == Model.TensorType.Int8)
        {
            EvalSimd<sbyte>(input.As<sbyte>(), output.As<sbyte>());
        }
        else
        {
            EvalSimd<byte>(input.Bytes, output.Bytes);
        }
    }

    private void EvalSimd<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        var col = column.AsSpan();
        var filters = packedFilter.AsSpan();
        var accumulators = accumulatorRow.AsSpan();
        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    var c = 0;
                    for (var fy = 0; fy < kH; fy++)
                    {
                        var inY = inYOrigin + (dilationH * fy);
                        for (var fx = 0; fx < kW; fx++, c += inC)
                        {
                            var inX = inXOrigin + (dilationW * fx);
                            var segment = col.Slice(c, inC);
                            if ((uint)inY >= (uint)inH || (uint)inX >= (uint)inW)
                            {
                                segment.Clear();
                                continue;
                            }

                            SimdDot.WidenWithOffset(inputData.Slice((((b * inH) + inY) * inW + inX) * inC, inC), inputOffset, segment);
                        }
                    }

                    for (var oc = 0; oc < outC; oc += 4)
                    {
                        SimdDot.Dot4(col, filters.Slice(oc * paddedK, 4 * paddedK), accumulators.Slice(oc, 4), portableDot);
                    }

                    requantizer.Requantize(accumulators.Slice(0, outC), outputData.Slice((((b * outH) + oy) * outW + ox) * outC, outC));
                }
            }
        }
    }
}
