using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// CONV_2D (NHWC input, OHWI filter): int8 with per-channel filter scales, uint8 per-tensor (with filter
/// zero point). Integer accumulation, per-channel requantization and fused ReLU/ReLU6 clamp as TFLite 2.2.
/// </summary>
internal sealed partial class Conv2D : OpKernel
{
    private readonly KernelTensor input;
    private readonly KernelTensor output;
    private readonly int batches, inH, inW, inC, outH, outW, outC, kH, kW;
    private readonly int strideH, strideW, dilationH, dilationW, padH, padW;
    private readonly int inputOffset, filterOffset, outputOffset, actMin, actMax;
    private readonly int[] multipliers, shifts, bias;
    private readonly sbyte[] filterInt8 = [];
    private readonly byte[] filterUInt8 = [];
    private readonly bool simd;
    private readonly bool portableDot;

    private Conv2D(KernelContext context, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        var filter = context.Input(1);
        var biasTensor = context.OptionalInput(2);
        output = context.Output(0);
        var options = context.Options<Conv2DOptions>();
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        context.ExpectSameType(input, filter);
        context.ExpectRank(input, "input", 4);
        context.ExpectRank(filter, "filter", 4);
        context.ExpectConstant(filter, "filter");
        context.ExpectQuantized(input, "input");
        context.ExpectQuantized(output, "output");
        KernelUtil.ExpectWindow(context, options.Padding, options.StrideWidth, options.StrideHeight, options.DilationWidth, options.DilationHeight);

        (batches, inH, inW, inC) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
        (outC, kH, kW) = (filter.Shape[0], filter.Shape[1], filter.Shape[2]);
        if (filter.Shape[3] != inC)
        {
            throw context.Invalid($"filter '{filter.Name}' has {filter.Shape[3]} input channels, input has {inC}");
        }

        (strideH, strideW, dilationH, dilationW) = (options.StrideHeight, options.StrideWidth, options.DilationHeight, options.DilationWidth);
        (outH, padH) = KernelUtil.Window(context, options.Padding, inH, kH, strideH, dilationH, "height");
        (outW, padW) = KernelUtil.Window(context, options.Padding, inW, kW, strideW, dilationW, "width");
        context.ExpectShape(output, [batches, outH, outW, outC]);

        bias = KernelUtil.ReadBias(context, biasTensor, outC);
        inputOffset = -input.ZeroPoint;
        outputOffset = output.ZeroPoint;
        (actMin, actMax) = QuantizedMath.ActivationRange(options.Activation, output.Type, output.Scale, output.ZeroPoint);

        if (input.Type == TensorType.Int8)
        {
            (multipliers, shifts) = KernelUtil.PerChannelMultipliers(context, input, filter, output, outC);
            filterInt8 = [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(filter.Info.Data.Span)];
        }
        else
        {
            filterOffset = -filter.ZeroPoint;
            var (m, s) = QuantizedMath.QuantizeMultiplier(KernelUtil.ConvolutionMultiplier(input.Scale, filter.Scale, output.Scale));
            multipliers = Enumerable.Repeat(m, outC).ToArray();
            shifts = Enumerable.Repeat(s, outC).ToArray();
            filterUInt8 = filter.Info.Data.ToArray();
        }

        simd = variant != KernelVariant.Reference;
        portableDot = variant == KernelVariant.PortableSimd;
        if (simd)
        {
            PrepareSimd();
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Conv2D(context, variant);

    public override void Eval()
    {
        if (simd)
        {
            EvalSimd();
        }
        else if (input.Type == TensorType.Int8)
        {
            EvalReference(input.As<sbyte>(), filterInt8, output.As<sbyte>());
        }
        else
        {
            EvalReference(input.Bytes, filterUInt8, output.Bytes);
        }
    }

    private void EvalReference<T>(ReadOnlySpan<T> inputData, ReadOnlySpan<T> filterData, Span<T> outputData)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    for (var oc = 0; oc < outC; oc++)
                    {
                        var acc = 0;
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

                                var inBase = (((b * inH) + inY) * inW + inX) * inC;
                                var fBase = (((oc * kH) + fy) * kW + fx) * inC;
                                for (var ic = 0; ic < inC; ic++)
                                {
                                    var x = int.CreateTruncating(inputData[inBase + ic]);
                                    var f = int.CreateTruncating(filterData[fBase + ic]);
                                    acc = unchecked(acc + ((f + filterOffset) * (x + inputOffset)));
                                }
                            }
                        }

                        acc = unchecked(acc + bias[oc]);
                        acc = QuantizedMath.MultiplyByQuantizedMultiplier(acc, multipliers[oc], shifts[oc]) + outputOffset;
                        acc = KernelUtil.Clamp(acc, actMin, actMax);
                        outputData[(((b * outH) + oy) * outW + ox) * outC + oc] = T.CreateTruncating(acc);
                    }
                }
            }
        }
    }
}
