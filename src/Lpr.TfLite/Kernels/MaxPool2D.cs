using System.Numerics;

namespace Lpr.TfLite.Kernels;

/// <summary>MAX_POOL_2D on int8/uint8: the largest raw value of the valid part of the window.</summary>
internal sealed class MaxPool2D : Pool2D
{
    private MaxPool2D(KernelContext context)
        : base(context)
    {
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new MaxPool2D(context);

    protected override int Reduce<T>(ReadOnlySpan<T> input, int b, int channel, int yStart, int yEnd, int xStart, int xEnd)
    {
        var max = int.MinValue;
        for (var y = yStart; y < yEnd; y++)
        {
            for (var x = xStart; x < xEnd; x++)
            {
                max = Math.Max(max, int.CreateTruncating(input[((((b * InH) + y) * InW) + x) * Channels + channel]));
            }
        }

        return max;
    }
}
