using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// BATCH_MATMUL on int8 (TFLite 2.3+; the 2.2 oracle predates it): out[..., i, j] = Σk x[..., i, k] * y[..., k, j]
/// with adj_x/adj_y transposing the last two dimensions, batch dimensions broadcast, offsets applied to both
/// operands, one per-tensor multiplier, no fused activation (int8 range), as TFLite's reference kernel.
/// </summary>
internal sealed partial class BatchMatMul : OpKernel
{
    private readonly KernelTensor x, y, output;
    private readonly bool adjX, adjY;
    private readonly int rows, depth, cols, batches;
    private readonly int[] batchX, batchY;
    private readonly int offsetX, offsetY, outputOffset, multiplier, shift;
    private readonly bool simd;
    private readonly bool portableDot;

    private BatchMatMul(KernelContext context, KernelVariant variant)
    {
        context.ExpectCounts(2, 1);
        x = context.Input(0);
        y = context.Input(1);
        output = context.Output(0);
        var options = context.OptionalOptions<BatchMatMulOptions>() ?? new BatchMatMulOptions();
        (adjX, adjY) = (options.AdjX, options.AdjY);
        context.ExpectType(x, "input", TensorType.Int8);
        context.ExpectSameType(x, y);
        context.ExpectSameType(x, output);
        if (x.Rank is < 2 or > 5 || y.Rank is < 2 or > 5)
        {
            throw context.Invalid($"operands need rank 2 to 5, have [{string.Join(',', x.Shape)}] and [{string.Join(',', y.Shape)}]");
        }

        context.ExpectQuantized(x, "input 0");
        context.ExpectQuantized(y, "input 1");
        context.ExpectQuantized(output, "output");
        rows = adjX ? x.Dim(-1) : x.Dim(-2);
        depth = adjX ? x.Dim(-2) : x.Dim(-1);
        var depthY = adjY ? y.Dim(-1) : y.Dim(-2);
        cols = adjY ? y.Dim(-2) : y.Dim(-1);
        if (depth != depthY)
        {
            throw context.Invalid($"inner dimensions differ: {depth} vs {depthY}");
        }

        // Broadcast the batch dimensions (all but the last two).
        var batchRank = Math.Max(x.Rank, y.Rank) - 2;
        var shapeX = Enumerable.Repeat(1, batchRank - (x.Rank - 2)).Concat(x.Shape[..^2]).ToArray();
        var shapeY = Enumerable.Repeat(1, batchRank - (y.Rank - 2)).Concat(y.Shape[..^2]).ToArray();
        var outBatch = new int[batchRank];
        for (var d = 0; d < batchRank; d++)
        {
            if (shapeX[d] != shapeY[d] && shapeX[d] != 1 && shapeY[d] != 1)
            {
                throw context.Invalid($"batch dimensions [{string.Join(',', shapeX)}] and [{string.Join(',', shapeY)}] cannot be broadcast");
            }

            outBatch[d] = shapeX[d] == 1 ? shapeY[d] : shapeX[d]; // not max: 0 broadcast against 1 is 0
        }

        context.ExpectShape(output, [.. outBatch, rows, cols]);
        // With rows or cols 0 the output is empty whatever the batch dimensions, so their product is unbounded.
        var batchCount = outBatch.Aggregate(1L, (p, d) => Math.Min(p * d, 1L << 31));
        batches = batchCount <= int.MaxValue ? (int)batchCount : throw context.Invalid($"batch dimensions [{string.Join(',', outBatch)}] hold more than {int.MaxValue} matrices");
        batchX = context.Scratch<int>(batches, "batch map of the left operand");
        batchY = context.Scratch<int>(batches, "batch map of the right operand");
        var index = new int[batchRank];
        for (var b = 0; b < batches; b++)
        {
            int ix = 0, iy = 0;
            for (var d = 0; d < batchRank; d++)
            {
                ix = (ix * shapeX[d]) + (shapeX[d] == 1 ? 0 : index[d]);
                iy = (iy * shapeY[d]) + (shapeY[d] == 1 ? 0 : index[d]);
            }

            (batchX[b], batchY[b]) = (ix, iy);
            for (var d = batchRank - 1; d >= 0; d--)
            {
                if (++index[d] < outBatch[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        offsetX = -x.ZeroPoint;
        offsetY = -y.ZeroPoint;
        outputOffset = output.ZeroPoint;
        double productScale = x.Scale * y.Scale; // float product, as TFLite
        (multiplier, shift) = QuantizedMath.QuantizeMultiplier(productScale / output.Scale);
        simd = variant != KernelVariant.Reference;
        portableDot = variant == KernelVariant.PortableSimd;
        if (simd)
        {
            PrepareSimd(context);
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new BatchMatMul(context, variant);

    /// <summary>x[b, i, k] honouring adj_x.</summary>
    private int X(ReadOnlySpan<sbyte> data, int b, int i, int k) =>
        data[(batchX[b] * rows * depth) + (adjX ? (k * rows) + i : (i * depth) + k)];

    /// <summary>y[b, k, j] honouring adj_y.</summary>
    private int Y(ReadOnlySpan<sbyte> data, int b, int k, int j) =>
        data[(batchY[b] * depth * cols) + (adjY ? (j * depth) + k : (k * cols) + j)];

    public override void Eval()
    {
        if (simd)
        {
            EvalSimd();
            return;
        }

        var dataX = x.As<sbyte>();
        var dataY = y.As<sbyte>();
        var result = output.As<sbyte>();
        for (var b = 0; b < batches; b++)
        {
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var total = 0;
                    for (var k = 0; k < depth; k++)
                    {
                        total = unchecked(total + ((X(dataX, b, i, k) + offsetX) * (Y(dataY, b, k, j) + offsetY)));
                    }

                    var scaled = QuantizedMath.MultiplyByQuantizedMultiplier(total, multiplier, shift) + outputOffset;
                    result[(((b * rows) + i) * cols) + j] = (sbyte)KernelUtil.Clamp(scaled, sbyte.MinValue, sbyte.MaxValue);
                }
            }
        }
    }
}
