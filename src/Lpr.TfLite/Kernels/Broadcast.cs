namespace Lpr.TfLite.Kernels;

/// <summary>
/// Index mapping of a binary elementwise op with NumPy-style broadcasting over up to 4 dimensions
/// (TFLite 2.2's limit): each output element maps to one element of each input.
/// </summary>
internal sealed class Broadcast
{
    private readonly int[] outShape;
    private readonly int[] strides1;
    private readonly int[] strides2;

    private Broadcast(int[] outShape, int[] strides1, int[] strides2, bool sameShape)
    {
        this.outShape = outShape;
        this.strides1 = strides1;
        this.strides2 = strides2;
        SameShape = sameShape;
        FlatSize = outShape[0] * outShape[1] * outShape[2] * outShape[3];
    }

    /// <summary>True when no broadcasting happens (flat loops apply).</summary>
    public bool SameShape { get; }

    /// <summary>
    /// True when TFLite 2.2's optimized "fivefold" broadcast loop would treat the innermost dimension as a
    /// scalar broadcast (its y4 == 1 case), which some uint8 kernels compute with a different formula.
    /// </summary>
    public bool TfLiteScalarInnerBroadcast { get; private init; }

    public int FlatSize { get; }

    /// <summary>Plans the broadcast and checks the output shape; fails when shapes are incompatible.</summary>
    public static Broadcast Create(KernelContext context, KernelTensor a, KernelTensor b, KernelTensor output)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rank = Math.Max(a.Rank, b.Rank);
        if (rank > 4)
        {
            throw context.Unsupported($"broadcasting over {rank} dimensions (at most 4)");
        }

        var shapeA = KernelUtil.Extend4D(context, a.Shape);
        var shapeB = KernelUtil.Extend4D(context, b.Shape);
        var outShape = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (shapeA[i] != shapeB[i] && shapeA[i] != 1 && shapeB[i] != 1)
            {
                throw context.Invalid($"shapes [{string.Join(',', a.Shape)}] and [{string.Join(',', b.Shape)}] cannot be broadcast");
            }

            outShape[i] = shapeA[i] == 1 ? shapeB[i] : shapeA[i];
        }

        context.ExpectShape(output, outShape.AsSpan(4 - rank));
        return new Broadcast(outShape, Strides(shapeA), Strides(shapeB), a.Shape.AsSpan().SequenceEqual(b.Shape))
        {
            TfLiteScalarInnerBroadcast = IsFivefoldWithScalarInner(a.Shape, b.Shape),
        };
    }

    /// <summary>Mirrors TFLite's ProcessBroadcastShapes: a fivefold-able broadcast whose innermost equal block is 1.</summary>
    private static bool IsFivefoldWithScalarInner(int[] shape0, int[] shape1)
    {
        var rank = Math.Max(shape0.Length, shape1.Length);
        var e0 = Enumerable.Repeat(1, rank - shape0.Length).Concat(shape0).ToArray();
        var e1 = Enumerable.Repeat(1, rank - shape1.Length).Concat(shape1).ToArray();
        if (e0.AsSpan().SequenceEqual(e1))
        {
            return false;
        }

        var firstBroadcastsFast = false;
        for (var d = rank - 1; d >= 0; d--)
        {
            if (e0[d] == e1[d])
            {
                continue;
            }

            if (e0[d] != 1 && e1[d] != 1)
            {
                return false;
            }

            firstBroadcastsFast = e0[d] == 1;
            break;
        }

        var a = firstBroadcastsFast ? e0 : e1;
        var b = firstBroadcastsFast ? e1 : e0;
        var i = rank - 1;
        var y4 = 1;
        while (i >= 0 && a[i] == b[i])
        {
            y4 *= b[i--];
        }

        while (i >= 0 && a[i] == 1)
        {
            i--;
        }

        while (i >= 0 && a[i] == b[i])
        {
            i--;
        }

        while (i >= 0 && b[i] == 1)
        {
            i--;
        }

        while (i >= 0 && a[i] == b[i])
        {
            i--;
        }

        return i < 0 && y4 == 1;
    }

    /// <summary>Fills the input indices of every output element (computed once at Prepare, charged to the memory budget).</summary>
    public (int[] IndexA, int[] IndexB) Indices(KernelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var indexA = context.Scratch<int>(FlatSize, "broadcast index map of the first input");
        var indexB = context.Scratch<int>(FlatSize, "broadcast index map of the second input");
        var i = 0;
        for (var d0 = 0; d0 < outShape[0]; d0++)
        {
            for (var d1 = 0; d1 < outShape[1]; d1++)
            {
                for (var d2 = 0; d2 < outShape[2]; d2++)
                {
                    for (var d3 = 0; d3 < outShape[3]; d3++, i++)
                    {
                        indexA[i] = (d0 * strides1[0]) + (d1 * strides1[1]) + (d2 * strides1[2]) + (d3 * strides1[3]);
                        indexB[i] = (d0 * strides2[0]) + (d1 * strides2[1]) + (d2 * strides2[2]) + (d3 * strides2[3]);
                    }
                }
            }
        }

        return (indexA, indexB);
    }

    private static int[] Strides(int[] shape)
    {
        var strides = new int[4];
        var stride = 1;
        for (var i = 3; i >= 0; i--)
        {
            strides[i] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }

        return strides;
    }
}
