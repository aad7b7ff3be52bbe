using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// DEPTHWISE_CONV_2D (filter [1, KH, KW, C*M]): output channel ic*M+m sees input channel ic. int8 with
/// per-channel scales, uint8 per-tensor; depth multiplier, dilation, SAME/VALID, fused ReLU/ReLU6.
/// </summary>
internal sealed partial class DepthwiseConv2D : OpKernel
{
    private readonly KernelTensor input;
    private readonly KernelTensor output;
    private readonly int batches, inH, inW, inC, outH, outW, outC, kH, kW, depthMultiplier;
    private readonly int strideH, strideW, dilationH, dilationW, padH, padW;
    private readonly int inputOffset, filterOffset, outputOffset, actMin, actMax;
    private readonly int[] multipliers, shifts, bias;

    /// <summary>Filter values with the filter offset applied, [KH*KW][outC].</summary>
    private readonly int[] filter;
    private readonly bool simd;

    private DepthwiseConv2D(KernelContext context, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        var filterTensor = context.Input(1);
        var biasTensor = context.OptionalInput(2);
        output = context.Output(0);
        var options = context.Options<DepthwiseConv2DOptions>();
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        context.ExpectSameType(input, filterTensor);
        context.ExpectRank(input, "input", 4);
        context.ExpectRank(filterTensor, "filter", 4);
        context.ExpectConstant(filterTensor, "filter");
        context.ExpectQuantized(input, "input");
        context.ExpectQuantized(output, "output");
        KernelUtil.ExpectWindow(context, options.Padding, options.StrideWidth, options.StrideHeight, options.DilationWidth, options.DilationHeight);

        (batches, inH, inW, inC) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
        (kH, kW, outC) = (filterTensor.Shape[1], filterTensor.Shape[2], filterTensor.Shape[3]);
        if (filterTensor.Shape[0] != 1 || inC == 0 || outC % inC != 0)
        {
            throw context.Invalid($"filter '{filterTensor.Name}' shape [{string.Join(',', filterTensor.Shape)}] does not fit {inC} input channels");
        }

        // TFLite derives the multiplier from the shapes; the option must agree when it is set.
        depthMultiplier = outC / inC;
        if (options.DepthMultiplier > 0 && options.DepthMultiplier != depthMultiplier)
        {
            throw context.Invalid($"depth_multiplier {options.DepthMultiplier} does not match filter channels {outC} / input channels {inC}");
        }

        (strideH, strideW, dilationH, dilationW) = (options.StrideHeight, options.StrideWidth, options.DilationHeight, options.DilationWidth);
        (outH, padH) = KernelUtil.Window(context, options.Padding, inH, kH, strideH, dilationH, "height");
        (outW, padW) = KernelUtil.Window(context, options.Padding, inW, kW, strideW, dilationW, "width");
        context.ExpectShape(output, [batches, outH, outW, outC]);

        bias = KernelUtil.ReadBias(context, biasTensor, outC);
        inputOffset = -input.ZeroPoint;
        outputOffset = output.ZeroPoint;
        // TFLite 2.2's int8 per-channel depthwise kernel clamps to the int8 range and ignores the fused
        // activation (converters encode ReLU/ReLU6 in the output range instead); uint8 applies it.
        (actMin, actMax) = input.Type == TensorType.Int8
            ? QuantizedMath.TypeRange(TensorType.Int8)
            : QuantizedMath.ActivationRange(options.Activation, output.Type, output.Scale, output.ZeroPoint);

        var raw = filterTensor.Info.Data.Span;
        filter = new int[kH * kW * outC];
        if (input.Type == TensorType.Int8)
        {
            (multipliers, shifts) = KernelUtil.PerChannelMultipliers(context, input, filterTensor, output, outC);
            for (var i = 0; i < filter.Length; i++)
            {
                filter[i] = (sbyte)raw[i];
            }
        }
        else
        {
            filterOffset = -filterTensor.ZeroPoint;
            var (m, s) = QuantizedMath.QuantizeMultiplier(KernelUtil.ConvolutionMultiplier(input.Scale, filterTensor.Scale, output.Scale));
            multipliers = Enumerable.Repeat(m, outC).ToArray();
            shifts = Enumerable.Repeat(s, outC).ToArray();
            for (var i = 0; i < filter.Length; i++)
            {
                filter[i] = raw[i] + filterOffset;
            }
        }

        simd = variant != KernelVariant.Reference;
        if (simd)
        {
            PrepareSimd(context, variant == KernelVariant.PortableSimd);
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new DepthwiseConv2D(context, variant);

    public override void Eval()
    {
        if (input.Type == TensorType.Int8)
        {
            Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>());
        }
        else
        {
            Eval<byte>(input.Bytes, output.Bytes);
        }
    }

    private void Eval<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        if (simd)
        {
            EvalSimd(inputData, outputData);
            return;
        }

        for (var b = 0; b < batches; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var inYOrigin = (oy * strideH) - padH;
                for (var ox = 0; ox < outW; ox++)
                {
                    var inXOrigin = (ox * strideW) - padW;
                    for (var ic = 0; ic < inC; ic++)
                    {
                        for (var m = 0; m < depthMultiplier; m++)
                        {
                            var oc = (ic * depthMultiplier) + m;
                            var acc = 0;
                            for (var fy = 0; fy < kH; fy++)
                            {
                                var inY = inYOrigin + (dilationH * fy);
                                for (var fx = 0; fx < kW; fx++)
                                {
                                    var inX = inXOrigin + (dilationW * fx);
                                    if ((uint)inY < (uint)inH && (uint)inX < (uint)inW)
                                    {
                                        var x = int.CreateTruncating(inputData[(((b * inH) + inY) * inW + inX) * inC + ic]);
                                        acc = unchecked(acc + (filter[(((fy * kW) + fx) * outC) + oc] * (x + inputOffset)));
                                    }
                                }
                            }

                            acc = unchecked(acc + bias[oc]);
                            acc = QuantizedMath.MultiplyByQuantizedMultiplier(acc, multipliers[oc], shifts[oc]) + outputOffset;
                            outputData[(((b * outH) + oy) * outW + ox) * outC + oc] = T.CreateTruncating(KernelUtil.Clamp(acc, actMin, actMax));
                        }
                    }
                }
            }
        }
    }
}
