using System.Numerics;

namespace Lpr.TfLite.Kernels;

/// <summary>AVERAGE_POOL_2D on int8/uint8: integer sum over the valid part of the window, divided rounding half away from zero.</summary>
internal sealed class AveragePool2D : Pool2D
{
    private AveragePool2D(KernelContext context)
        : base(context)
    {
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new AveragePool2D(context);

    protected override int Reduce<T>(ReadOnlySpan<T> input, int b, int channel, int yStart, int yEnd, int xStart, int xEnd)
    {
        var acc = 0;
        var count = 0;
        for (var y = yStart; y < yEnd; y++)
        {
            for (var x = xStart; x < xEnd; x++)
            {
                acc += int.CreateTruncating(input[((((b * InH) + y) * InW) + x) * Channels + channel]);
                count++;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        return acc > 0 ? (acc + (count / 2)) / count : (acc - (count / 2)) / count;
    }
}
