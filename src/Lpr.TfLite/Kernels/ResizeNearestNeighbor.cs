using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// RESIZE_NEAREST_NEIGHBOR (NHWC, constant [new_height, new_width]) as TFLite's reference: source indices
/// from a float scale with floor (or round with align_corners), half-pixel centers optional. The index
/// maps are computed once at Prepare.
/// </summary>
internal sealed class ResizeNearestNeighbor : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int batches, inH, inW, channels, outH, outW, elementSize;
    private readonly int[] sourceY, sourceX;

    private ResizeNearestNeighbor(KernelContext context)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(input, output);
        context.ExpectRank(input, "input", 4);
        var options = context.OptionalOptions<ResizeNearestNeighborOptions>() ?? new ResizeNearestNeighborOptions();
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
            throw context.Invalid($"input '{input.Name}' [{string.Join(',', input.Shape)}] has no pixels to sample");
        }

        if (input.Type != TensorType.Float32)
        {
            KernelUtil.ExpectSameQuantization(context, input, output);
        }

        elementSize = input.Type.ElementSize();
        sourceY = [.. Enumerable.Range(0, outH).Select(y => Nearest(y, inH, outH, options.AlignCorners, options.HalfPixelCenters))];
        sourceX = [.. Enumerable.Range(0, outW).Select(x => Nearest(x, inW, outW, options.AlignCorners, options.HalfPixelCenters))];
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new ResizeNearestNeighbor(context);

    /// <summary>TFLite's GetNearestNeighbor.</summary>
    internal static int Nearest(int outputValue, int inputSize, int outputSize, bool alignCorners, bool halfPixelCenters)
    {
        var scale = alignCorners && outputSize > 1 ? (inputSize - 1) / (float)(outputSize - 1) : inputSize / (float)outputSize;
        var offset = halfPixelCenters ? 0.5f : 0.0f;
        var scaled = (outputValue + offset) * scale;
        var value = Math.Min(alignCorners ? (int)MathF.Round(scaled, MidpointRounding.AwayFromZero) : (int)MathF.Floor(scaled), inputSize - 1);
        return halfPixelCenters ? Math.Max(0, value) : value;
    }

    public override void Eval()
    {
        var source = input.Bytes;
        var destination = output.Bytes;
        var pixelBytes = channels * elementSize;
        var position = 0;
        for (var b = 0; b < batches; b++)
        {
            for (var y = 0; y < outH; y++)
            {
                var rowBase = ((b * inH) + sourceY[y]) * inW;
                for (var x = 0; x < outW; x++, position += pixelBytes)
                {
                    source.Slice((rowBase + sourceX[x]) * pixelBytes, pixelBytes).CopyTo(destination.Slice(position, pixelBytes));
                }
            }
        }
    }
}
