using System.Numerics;

namespace Lpr.TfLite.Kernels;

/// <summary>The vectorized FULLY_CONNECTED: int16 rows packed at load, four units per pass over the input row.</summary>
internal sealed partial class FullyConnected
{
    private short[] packedFilter = [];
    private short[] row = [];
    private readonly int[] dot4 = new int[4];
    private int paddedDepth;

    private void PrepareSimd()
    {
        paddedDepth = SimdDot.PaddedLength(depth);
        var paddedUnits = (units + 3) / 4 * 4;
        packedFilter = new short[paddedUnits * paddedDepth];
        for (var u = 0; u < units; u++)
        {
            for (var d = 0; d < depth; d++)
            {
                packedFilter[(u * paddedDepth) + d] = (short)filter[(u * depth) + d];
            }
        }

        row = new short[paddedDepth];
    }

    private void EvalSimd<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        var column = row.AsSpan();
        var results = dot4.AsSpan();
        var filters = packedFilter.AsSpan();
        for (var b = 0; b < batches; b++)
        {
            SimdDot.WidenWithOffset(inputData.Slice(b * depth, depth), inputOffset, column);

            for (var u = 0; u < units; u += 4)
            {
                SimdDot.Dot4(column, filters.Slice(u * paddedDepth, 4 * paddedDepth), results, portableDot);
                var end = Math.Min(4, units - u);
                for (var j = 0; j < end; j++)
                {
                    var acc = unchecked(results[j] + bias[u + j]);
                    acc = QuantizedMath.MultiplyByQuantizedMultiplier(acc, multiplier, shift) + outputOffset;
                    outputData[(b * units) + u + j] = T.CreateTruncating(KernelUtil.Clamp(acc, actMin, actMax));
                }
            }
        }
    }
}
