using System.Numerics;
using System.Runtime.InteropServices;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// CONV_2D on a one-channel input (the stems of both shipped models read the gray frame): there the im2col column
/// is only kH·kW values long, and padding it to a whole dot product and running the four-channel dot per output
/// channel spent most of the time on overhead (the stems ran at a fifth of the other convolutions' rate). Here each
/// tap's single input value, offset applied, multiplies a hardware-width vector of output channels' taps (the filter
/// re-laid at load as [tap][output channel], offset applied), and the sum for a vector of channels stays in a
/// register across the taps. Padded taps are skipped as in the reference, so the sums are the same integers.
/// </summary>
internal sealed partial class Conv2D
{
    /// <summary>outC rounded up to whole <see cref="Vector{T}"/>s of int.</summary>
    private int channelLanes;

    /// <summary>Filter with the filter offset applied, [kH*kW][channelLanes], zero in the padding lanes.</summary>
    private int[] tapMajorFilter = [];

    private void PrepareSingleInputChannel()
    {
        var lanes = Vector<int>.Count;
        var taps = kH * kW;
        channelLanes = (outC + lanes - 1) / lanes * lanes;
        tapMajorFilter = new int[taps * channelLanes];
        for (var oc = 0; oc < outC; oc++)
        {
            for (var tap = 0; tap < taps; tap++)
            {
                int f = input.Type == Model.TensorType.Int8 ? filterInt8[(oc * taps) + tap] : filterUInt8[(oc * taps) + tap];
                tapMajorFilter[(tap * channelLanes) + oc] = f + filterOffset;
            }
        }

        accumulatorRow = new int[channelLanes];
    }

    private void EvalSingleInputChannel<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        var lanes = Vector<int>.Count;
        ref var filterRef = ref MemoryMarshal.GetArrayDataReference(tapMajorFilter);
        ref var accRef = ref MemoryMarshal.GetArrayDataReference(accumulatorRow);
        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    for (var c = 0; c < channelLanes; c += lanes)
                    {
                        var sum = Vector<int>.Zero;
                        for (var fy = 0; fy < kH; fy++)
                        {
                            var inY = inYOrigin + (dilationH * fy);
                            if ((uint)inY >= (uint)inH)
                            {
                                continue;
                            }

                            var rowBase = ((b * inH) + inY) * inW;
                            for (var fx = 0; fx < kW; fx++)
                            {
                                var inX = inXOrigin + (dilationW * fx);
                                if ((uint)inX >= (uint)inW)
                                {
                                    continue;
                                }

                                var value = new Vector<int>(int.CreateTruncating(inputData[rowBase + inX]) + inputOffset);
                                var taps = Vector.LoadUnsafe(ref filterRef, (nuint)((((fy * kW) + fx) * channelLanes) + c));
                                sum += value * taps;
                            }
                        }

                        Vector.StoreUnsafe(sum, ref accRef, (nuint)c);
                    }

                    requantizer.Requantize(accumulatorRow.AsSpan(0, outC), outputData.Slice((((b * outH) + oy) * outW + ox) * outC, outC));
                }
            }
        }
    }
}
