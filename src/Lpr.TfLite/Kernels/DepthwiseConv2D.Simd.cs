using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// The vectorized DEPTHWISE_CONV_2D: per output pixel, an int32 accumulator row over all output channels;
/// each filter tap adds (input + offset, expanded to output channels) * filter with Vector256 lanes. Padded
/// taps are skipped as in the reference, so sums are identical.
/// </summary>
internal sealed partial class DepthwiseConv2D
{
    private int[] accumulators = [];
    private int[] expandedInput = [];

    private void PrepareSimd()
    {
        var padded = (outC + Vector256<int>.Count - 1) / Vector256<int>.Count * Vector256<int>.Count;
        accumulators = new int[padded];
        expandedInput = new int[padded];
    }

    private void EvalSimd<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        var acc = accumulators.AsSpan();
        var expanded = expandedInput.AsSpan();
        var lanes = Vector256<int>.Count;
        ref var accRef = ref MemoryMarshal.GetReference(acc);
        ref var expRef = ref MemoryMarshal.GetReference(expanded);
        ref var filterRef = ref MemoryMarshal.GetArrayDataReference(filter);
        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    acc.Clear();
                    for (var fy = 0; fy < kH; fy++)
                    {
                        var inY = inYOrigin + (dilationH * fy);
                        if ((uint)inY >= (uint)inH)
                        {
                            continue;
                        }

                        for (var fx = 0; fx < kW; fx++)
                        {
                            var inX = inXOrigin + (dilationW * fx);
                            if ((uint)inX >= (uint)inW)
                            {
                                continue;
                            }

                            var source = inputData.Slice((((b * inH) + inY) * inW + inX) * inC, inC);
                            if (depthMultiplier == 1)
                            {
                                for (var c = 0; c < inC; c++)
                                {
                                    expanded[c] = int.CreateTruncating(source[c]) + inputOffset;
                                }
                            }
                            else
                            {
                                for (var c = 0; c < inC; c++)
                                {
                                    expanded.Slice(c * depthMultiplier, depthMultiplier).Fill(int.CreateTruncating(source[c]) + inputOffset);
                                }
                            }

                            var filterBase = ((fy * kW) + fx) * outC;
                            var oc = 0;
                            for (; oc + lanes <= outC; oc += lanes)
                            {
                                var sum = Vector256.LoadUnsafe(ref accRef, (nuint)oc)
                                    + (Vector256.LoadUnsafe(ref expRef, (nuint)oc) * Vector256.LoadUnsafe(ref filterRef, (nuint)(filterBase + oc)));
                                sum.StoreUnsafe(ref accRef, (nuint)oc);
                            }

                            for (; oc < outC; oc++)
                            {
                                acc[oc] = unchecked(acc[oc] + (expanded[oc] * filter[filterBase + oc]));
                            }
                        }
                    }

                    var outBase = (((b * outH) + oy) * outW + ox) * outC;
                    for (var oc = 0; oc < outC; oc++)
                    {
                        var value = unchecked(acc[oc] + bias[oc]);
                        value = QuantizedMath.MultiplyByQuantizedMultiplier(value, multipliers[oc], shifts[oc]) + outputOffset;
                        outputData[outBase + oc] = T.CreateTruncating(KernelUtil.Clamp(value, actMin, actMax));
                    }
                }
            }
        }
    }
}
