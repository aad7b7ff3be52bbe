using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// RESIZE_BILINEAR (NHWC, constant [new_height, new_width]) as TFLite 2.2's reference: float source
/// coordinates, the four-term float blend in TFLite's order of operations (uint8 uses the optimized
/// routine's order), truncation to the element type.
/// </summary>
internal sealed class ResizeBilinear : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int batches, inH, inW, channels, outH, outW;
    private readonly float[] inputY, inputX;
    private readonly int[] y0, y1, x0, x1;

    private ResizeBilinear(KernelContext context)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(input, output);
        context.ExpectRank(input, "input", 4);
        var options = context.OptionalOptions<ResizeBilinearOptions>() ?? new ResizeBilinearOptions();
        var size = KernelUtil.ReadInt32Constant(context, context.Input(1), "size");
        if (size.Length != 2 || size[0] < 1 || size[1] < 1)
        {
            throw context.Invalid($"size must be two positive values, got [{string.Join(',', size)}]");
        }

        (batches, inH, inW, channels) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
        (outH, outW) = (size[0], size[1]);
        context.ExpectShape(output, [batches, outH, outW, channels]);
        if ((inH == 0 || inW == 0) && output.ElementCount > 0)
        {
            throw context.Invalid($"input '{input.Name}' [{string.Join(',', input.Shape)}] has no pixels to interpolate from");
        }

        if (input.Type != TensorType.Float32)
        {
            KernelUtil.ExpectSameQuantization(context, input, output);
        }

        var heightScale = (float)inH / outH;
        var widthScale = (float)inW / outW;
        if (options.AlignCorners && outH > 1)
        {
            heightScale = (float)(inH - 1) / (outH - 1);
        }

        if (options.AlignCorners && outW > 1)
        {
            widthScale = (float)(inW - 1) / (outW - 1);
        }

        (inputY, y0, y1) = Interpolation(outH, heightScale, options.HalfPixelCenters, inH);
        (inputX, x0, x1) = Interpolation(outW, widthScale, options.HalfPixelCenters, inW);
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new ResizeBilinear(context);

    /// <summary>TFLite's ComputeInterpolationValues for every output coordinate.</summary>
    private static (float[] Scaled, int[] Lower, int[] Upper) Interpolation(int outSize, float scale, bool halfPixelCenters, int inSize)
    {
        var scaled = new float[outSize];
        var lower = new int[outSize];
        var upper = new int[outSize];
        for (var i = 0; i < outSize; i++)
        {
            scaled[i] = halfPixelCenters ? ((i + 0.5f) * scale) - 0.5f : i * scale;
            // TFLite clamps only the upper bound; with align_corners and half_pixel_centers both set, the lower one
            // can pass the last row, where TFLite reads out of bounds: clamped here, identical wherever TFLite is defined.
            lower[i] = Math.Min(Math.Max((int)MathF.Floor(scaled[i]), 0), inSize - 1);
            upper[i] = Math.Min((int)MathF.Ceiling(scaled[i]), inSize - 1);
        }

        return (scaled, lower, upper);
    }

    public override void Eval()
    {
        switch (input.Type)
        {
            case TensorType.Int8:
                Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>());
                break;
            case TensorType.UInt8:
                Eval<byte>(input.Bytes, output.Bytes);
                break;
            default:
                Eval<float>(input.As<float>(), output.As<float>());
                break;
        }
    }

    private void Eval<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        for (var b = 0; b < batches; b++)
        {
            for (var y = 0; y < outH; y++)
            {
                var dy = inputY[y] - y0[y];
                for (var x = 0; x < outW; x++)
                {
                    var dx = inputX[x] - x0[x];
                    var p00 = (((b * inH) + y0[y]) * inW + x0[x]) * channels;
                    var p10 = (((b * inH) + y1[y]) * inW + x0[x]) * channels;
                    var p01 = (((b * inH) + y0[y]) * inW + x1[x]) * channels;
                    var p11 = (((b * inH) + y1[y]) * inW + x1[x]) * channels;
                    var outBase = (((b * outH) + y) * outW + x) * channels;
                    if (typeof(T) == typeof(byte))
                    {
                        // TFLite 2.2 runs uint8 through its optimized "generic small channel" routine: the
                        // four weights are multiplied out first and summed in the order 00, 01, 10, 11.
                        var w00 = (1 - dy) * (1 - dx);
                        var w01 = (1 - dy) * dx;
                        var w10 = dy * (1 - dx);
                        var w11 = dy * dx;
                        for (var c = 0; c < channels; c++)
                        {
                            var blended = (float.CreateTruncating(source[p00 + c]) * w00) + (float.CreateTruncating(source[p01 + c]) * w01)
                                + (float.CreateTruncating(source[p10 + c]) * w10) + (float.CreateTruncating(source[p11 + c]) * w11);
                            destination[outBase + c] = T.CreateTruncating(blended);
                        }

                        continue;
                    }

                    for (var c = 0; c < channels; c++)
                    {
                        var value = (float.CreateTruncating(source[p00 + c]) * (1 - dy) * (1 - dx))
                            + (float.CreateTruncating(source[p10 + c]) * dy * (1 - dx))
                            + (float.CreateTruncating(source[p01 + c]) * (1 - dy) * dx)
                            + (float.CreateTruncating(source[p11 + c]) * dy * dx);
                        destination[outBase + c] = T.CreateTruncating(value);
                    }
                }
            }
        }
    }
}
