using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>TRANSPOSE with a constant permutation (up to 4-D in TFLite 2.2): a pure gather, precomputed at Prepare.</summary>
internal sealed class Transpose : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int[] sourceIndex;
    private readonly int elementSize;

    private Transpose(KernelContext context)
    {
        context.ExpectCounts(2, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectSameType(input, output);
        elementSize = input.Type.ElementSize();
        if (elementSize == 0)
        {
            throw context.Unsupported($"type {input.Type.ToSchemaName()}");
        }

        var perm = KernelUtil.ReadInt32Constant(context, context.Input(1), "permutation");
        var rank = input.Rank;
        if (perm.Length != rank || perm.Order().Select((p, i) => p == i).Any(ok => !ok))
        {
            throw context.Invalid($"permutation [{string.Join(',', perm)}] is not a permutation of {rank} dimensions");
        }

        context.ExpectShape(output, [.. perm.Select(p => input.Shape[p])]);
        var inStrides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            inStrides[d] = stride;
            stride *= input.Shape[d];
        }

        sourceIndex = context.Scratch<int>(output.ElementCount, "gather index map");
        var index = new int[rank];
        for (var flat = 0; flat < sourceIndex.Length; flat++)
        {
            var source = 0;
            for (var d = 0; d < rank; d++)
            {
                source += index[d] * inStrides[perm[d]];
            }

            sourceIndex[flat] = source;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < output.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Transpose(context);

    public override void Eval()
    {
        var source = input.Bytes;
        var destination = output.Bytes;
        if (elementSize == 1)
        {
            for (var i = 0; i < sourceIndex.Length; i++)
            {
                destination[i] = source[sourceIndex[i]];
            }

            return;
        }

        for (var i = 0; i < sourceIndex.Length; i++)
        {
            source.Slice(sourceIndex[i] * elementSize, elementSize).CopyTo(destination.Slice(i * elementSize, elementSize));
        }
    }
}
