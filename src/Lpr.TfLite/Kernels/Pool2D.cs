using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>Shared window geometry of AVERAGE_POOL_2D and MAX_POOL_2D (input and output share quantization).</summary>
internal abstract class Pool2D : OpKernel
{
    protected Pool2D(KernelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ExpectCounts(1, 1);
        Input = context.Input(0);
        Output = context.Output(0);
        var options = context.Options<Pool2DOptions>();
        context.ExpectType(Input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(Input, Output);
        context.ExpectRank(Input, "input", 4);
        KernelUtil.ExpectWindow(context, options.Padding, options.StrideWidth, options.StrideHeight);
        if (options.FilterWidth < 1 || options.FilterHeight < 1)
        {
            throw context.Invalid($"filter size must be positive, got {options.FilterWidth}x{options.FilterHeight}");
        }

        KernelUtil.ExpectSameQuantization(context, Input, Output);
        (Batches, InH, InW, Channels) = (Input.Shape[0], Input.Shape[1], Input.Shape[2], Input.Shape[3]);
        (FilterH, FilterW, StrideH, StrideW) = (options.FilterHeight, options.FilterWidth, options.StrideHeight, options.StrideWidth);
        (OutH, PadH) = KernelUtil.Window(context, options.Padding, InH, FilterH, StrideH, 1, "height");
        (OutW, PadW) = KernelUtil.Window(context, options.Padding, InW, FilterW, StrideW, 1, "width");
        context.ExpectShape(Output, [Batches, OutH, OutW, Channels]);
        (ActMin, ActMax) = QuantizedMath.ActivationRange(options.Activation, Output.Type, Output.Scale, Output.ZeroPoint);
    }

    protected KernelTensor Input { get; }

    protected KernelTensor Output { get; }

    protected int Batches { get; }

    protected int InH { get; }

    protected int InW { get; }

    protected int Channels { get; }

    protected int OutH { get; }

    protected int OutW { get; }

    protected int FilterH { get; }

    protected int FilterW { get; }

    protected int StrideH { get; }

    protected int StrideW { get; }

    protected int PadH { get; }

    protected int PadW { get; }

    protected int ActMin { get; }

    protected int ActMax { get; }

    public override void Eval()
    {
        if (Input.Type == TensorType.Int8)
        {
            Pool<sbyte>(Input.As<sbyte>(), Output.As<sbyte>());
        }
        else
        {
            Pool<byte>(Input.Bytes, Output.Bytes);
        }
    }

    /// <summary>Reduces one window [yStart, yEnd) x [xStart, xEnd) of one channel (bounds already clipped).</summary>
    protected abstract int Reduce<T>(ReadOnlySpan<T> input, int b, int channel, int yStart, int yEnd, int xStart, int xEnd)
        where T : unmanaged, INumberBase<T>;

    private void Pool<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, INumberBase<T>
    {
        for (var b = 0; b < Batches; b++)
        {
            for (var oy = 0; oy < OutH; oy++)
            {
                var inYOrigin = (oy * StrideH) - PadH;
                var yStart = Math.Max(0, inYOrigin);
                var yEnd = Math.Min(InH, inYOrigin + FilterH);
                for (var ox = 0; ox < OutW; ox++)
                {
                    var inXOrigin = (ox * StrideW) - PadW;
                    var xStart = Math.Max(0, inXOrigin);
                    var xEnd = Math.Min(InW, inXOrigin + FilterW);
                    var outBase = (((b * OutH) + oy) * OutW + ox) * Channels;
                    for (var c = 0; c < Channels; c++)
                    {
                        var value = Reduce(input, b, c, yStart, yEnd, xStart, xEnd);
                        output[outBase + c] = T.CreateTruncating(KernelUtil.Clamp(value, ActMin, ActMax));
                    }
                }
            }
        }
    }
}
