using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>Shape arithmetic shared by kernels, as TFLite computes it (padding.h, kernel_util.cc).</summary>
internal static class KernelUtil
{
    /// <summary>
    /// Output size and leading padding of a windowed op along one axis (TFLite's ComputeOutSize and
    /// ComputePadding; the extra pixel of an odd padding total goes to the end). Strides, dilations and
    /// filter sizes come straight from the model, so this is computed in 64 bits, and a window whose
    /// positions span more than 2^31 - 1 pixels is refused: the kernels' int32 loops would wrap around.
    /// </summary>
    public static (int OutSize, int Padding) Window(KernelContext context, Padding padding, int inSize, int filterSize, int stride, int dilation, string axis)
    {
        ArgumentNullException.ThrowIfNull(context);
        var effectiveFilterSize = ((long)(filterSize - 1) * dilation) + 1;
        var outSize = padding switch
        {
            Padding.Same => ((long)inSize + stride - 1) / stride,
            Padding.Valid => ((long)inSize + stride - effectiveFilterSize) / stride,
            _ => 0,
        };
        var span = ((outSize - 1) * stride) + effectiveFilterSize;
        if (effectiveFilterSize > int.MaxValue || outSize < int.MinValue || (outSize > 0 && span > int.MaxValue))
        {
            throw context.Invalid($"a {axis} window of {filterSize} taps, dilation {dilation} and stride {stride} over {inSize} pixels spans more than {int.MaxValue} pixels");
        }

        return ((int)outSize, (int)Math.Max(0, (span - inSize) / 2));
    }

    /// <summary>Validates stride/dilation options of a windowed op.</summary>
    public static void ExpectWindow(KernelContext context, Padding padding, int strideW, int strideH, int dilationW = 1, int dilationH = 1)
    {
        if (padding is not (Padding.Same or Padding.Valid))
        {
            throw context.Invalid($"unknown padding {(int)padding}");
        }

        if (strideW < 1 || strideH < 1)
        {
            throw context.Invalid($"strides must be positive, got {strideW}x{strideH}");
        }

        if (dilationW < 1 || dilationH < 1)
        {
            throw context.Invalid($"dilations must be positive, got {dilationW}x{dilationH}");
        }
    }

    /// <summary>Reads a constant int32 operand (axes, shapes, paddings).</summary>
    public static int[] ReadInt32Constant(KernelContext context, KernelTensor tensor, string role)
    {
        context.ExpectConstant(tensor, role);
        return tensor.Type switch
        {
            TensorType.Int32 => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(tensor.Info.Data.Span)],
            TensorType.Int64 => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(tensor.Info.Data.Span).ToArray().Select(v => v is >= int.MinValue and <= int.MaxValue
                ? (int)v
                : throw context.Invalid($"{role} tensor '{tensor.Name}' holds {v}, outside the int32 range"))],
            _ => throw context.Unsupported($"{role} tensor '{tensor.Name}' must be INT32, is {tensor.Type.ToSchemaName()}"),
        };
    }

    /// <summary>The per-tensor quantized multiplier of input*filter/output as TFLite's GetQuantizedConvolutionMultipler computes it.</summary>
    public static double ConvolutionMultiplier(float inputScale, float filterScale, float outputScale)
    {
        // float product, then double division: the exact sequence of operations TFLite performs.
        double inputProductScale = inputScale * filterScale;
        return inputProductScale / outputScale;
    }

    /// <summary>Per-channel multipliers and shifts of a convolution (PopulateConvolutionQuantizationParams).</summary>
    public static (int[] Multipliers, int[] Shifts) PerChannelMultipliers(KernelContext context, KernelTensor input, KernelTensor filter, KernelTensor output, int channels)
    {
        var quantization = filter.Quantization ?? throw context.Invalid($"filter '{filter.Name}' is not quantized");
        if (quantization.Scale.Length != 1 && quantization.Scale.Length != channels)
        {
            throw context.Invalid($"filter '{filter.Name}' has {quantization.Scale.Length} scales for {channels} output channels");
        }

        var multipliers = new int[channels];
        var shifts = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            var scale = quantization.Scale.Length == 1 ? quantization.Scale[0] : quantization.Scale[c];
            var effective = (double)input.Scale * scale / output.Scale;
            (multipliers[c], shifts[c]) = QuantizedMath.QuantizeMultiplier(effective);
        }

        return (multipliers, shifts);
    }

    /// <summary>Reads a constant INT32 bias (quantized ops) of <paramref name="channels"/> entries, or zeros when absent.</summary>
    public static int[] ReadBias(KernelContext context, KernelTensor? bias, int channels)
    {
        if (bias is null)
        {
            return new int[channels];
        }

        context.ExpectType(bias, "bias", TensorType.Int32);
        if (bias.ElementCount != channels)
        {
            throw context.Invalid($"bias '{bias.Name}' has {bias.ElementCount} elements for {channels} output channels");
        }

        context.ExpectConstant(bias, "bias");
        return [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bias.Info.Data.Span)];
    }

    /// <summary>Reads a constant FLOAT32 bias, or zeros when absent.</summary>
    public static float[] ReadFloatBias(KernelContext context, KernelTensor? bias, int channels)
    {
        if (bias is null)
        {
            return new float[channels];
        }

        context.ExpectType(bias, "bias", TensorType.Float32);
        if (bias.ElementCount != channels)
        {
            throw context.Invalid($"bias '{bias.Name}' has {bias.ElementCount} elements for {channels} output channels");
        }

        context.ExpectConstant(bias, "bias");
        return [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bias.Info.Data.Span)];
    }

    /// <summary>The shape extended to rank 4 with leading ones (RuntimeShape::ExtendedShape(4, ...)).</summary>
    public static int[] Extend4D(KernelContext context, int[] shape)
    {
        if (shape.Length > 4)
        {
            throw context.Unsupported($"tensors of rank {shape.Length} (at most 4)");
        }

        var extended = new int[4];
        var pad = 4 - shape.Length;
        for (var i = 0; i < 4; i++)
        {
            extended[i] = i < pad ? 1 : shape[i - pad];
        }

        return extended;
    }

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>.</summary>
    public static int ResolveAxis(KernelContext context, int axis, int rank)
    {
        var resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank) // a scalar has no axis: callers index the shape with the result
        {
            throw context.Invalid($"axis {axis} is out of range for rank {rank}");
        }

        return resolved;
    }

    public static void ExpectSameQuantization(KernelContext context, KernelTensor input, KernelTensor output)
    {
        if (input.Scale != output.Scale || input.ZeroPoint != output.ZeroPoint)
        {
            throw context.Unsupported($"input '{input.Name}' and output '{output.Name}' must share scale and zero point");
        }
    }

    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
}
