namespace Lpr.TfLite.Kernels;

/// <summary>
/// The vectorized BATCH_MATMUL: the right operand is transposed into int16 rows (offset applied) — once at
/// load when it is constant, else per batch into a buffer allocated at load — and four output columns are
/// computed per pass over each left row.
/// </summary>
internal sealed partial class BatchMatMul
{
    private short[] packedY = [];
    private short[] rowX = [];
    private readonly int[] dot4 = new int[4];
    private int paddedDepth, paddedCols, packedBatch = -1;

    private void PrepareSimd(KernelContext context)
    {
        paddedDepth = SimdDot.PaddedLength(depth);
        paddedCols = (cols + 3) / 4 * 4;
        packedY = context.Scratch<short>((long)paddedCols * paddedDepth, "packed right operand");
        rowX = context.Scratch<short>(paddedDepth, "left row");
    }

    private void PackY(ReadOnlySpan<sbyte> dataY, int b)
    {
        if (y.IsConstant && packedBatch == batchY[b])
        {
            return; // weights packed once and reused
        }

        for (var j = 0; j < cols; j++)
        {
            for (var k = 0; k < depth; k++)
            {
                packedY[(j * paddedDepth) + k] = (short)(Y(dataY, b, k, j) + offsetY);
            }
        }

        packedBatch = batchY[b];
    }

    private void EvalSimd()
    {
        var dataX = x.As<sbyte>();
        var dataY = y.As<sbyte>();
        var result = output.As<sbyte>();
        var results = dot4.AsSpan();
        var column = rowX.AsSpan();
        var packed = packedY.AsSpan();
        if (!y.IsConstant)
        {
            packedBatch = -1;
        }

        for (var b = 0; b < batches; b++)
        {
            PackY(dataY, b);
            for (var i = 0; i < rows; i++)
            {
                for (var k = 0; k < depth; k++)
                {
                    column[k] = (short)(X(dataX, b, i, k) + offsetX);
                }

                for (var j = 0; j < cols; j += 4)
                {
                    SimdDot.Dot4(column, packed.Slice(j * paddedDepth, 4 * paddedDepth), results, portableDot);
                    var end = Math.Min(4, cols - j);
                    for (var n = 0; n < end; n++)
                    {
                        var scaled = QuantizedMath.MultiplyByQuantizedMultiplier(results[n], multiplier, shift) + outputOffset;
                        result[(((b * rows) + i) * cols) + j + n] = (sbyte)KernelUtil.Clamp(scaled, sbyte.MinValue, sbyte.MaxValue);
                    }
                }
            }
        }
    }
}
