using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// PAD / PADV2 with constant paddings ([rank, 2] int32, up to 4-D): 8-bit tensors pad with the output zero
/// point (PAD) or the given constant (PADV2), float32 with 0 or the constant.
/// </summary>
internal sealed class Pad : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int[] inShape, outShape, before;
    private readonly int elementSize;
    private readonly byte[] padValue;

    private Pad(KernelContext context, bool v2)
    {
        context.ExpectCounts(v2 ? 3 : 2, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32, TensorType.Int32);
        context.ExpectSameType(input, output);
        var paddings = KernelUtil.ReadInt32Constant(context, context.Input(1), "paddings");
        if (paddings.Length != input.Rank * 2)
        {
            throw context.Invalid($"paddings have {paddings.Length} values for rank {input.Rank}");
        }

        inShape = KernelUtil.Extend4D(context, input.Shape);
        before = new int[4];
        var after = new int[4];
        var lead = 4 - input.Rank;
        for (var d = 0; d < input.Rank; d++)
        {
            before[lead + d] = paddings[2 * d];
            after[lead + d] = paddings[(2 * d) + 1];
            if (before[lead + d] < 0 || after[lead + d] < 0)
            {
                throw context.Invalid($"negative padding on dimension {d}");
            }
        }

        // 64-bit: paddings are model constants, and a sum that wraps around could match the declared output.
        var padded = Enumerable.Range(0, 4).Select(d => (long)inShape[d] + before[d] + after[d]).ToArray();
        if (padded.Any(d => d > int.MaxValue))
        {
            throw context.Invalid($"paddings [{string.Join(',', paddings)}] make a dimension larger than {int.MaxValue}");
        }

        outShape = [.. padded.Select(d => (int)d)];
        context.ExpectShape(output, outShape.AsSpan(lead));
        elementSize = input.Type.ElementSize();
        padValue = new byte[elementSize];
        if (v2)
        {
            var constant = context.Input(2);
            context.ExpectSameType(input, constant);
            context.ExpectConstant(constant, "constant value");
            constant.Info.Data.Span[..elementSize].CopyTo(padValue);
        }
        else if (input.Type is TensorType.Int8 or TensorType.UInt8)
        {
            if (input.ZeroPoint != output.ZeroPoint || input.Scale != output.Scale)
            {
                throw context.Unsupported("input and output must share quantization");
            }

            padValue[0] = unchecked((byte)output.ZeroPoint);
        }
    }

    public static OpKernel PreparePad(KernelContext context, KernelVariant variant) => new Pad(context, v2: false);

    public static OpKernel PreparePadV2(KernelContext context, KernelVariant variant) => new Pad(context, v2: true);

    public override void Eval()
    {
        var source = input.Bytes;
        var destination = output.Bytes;
        if (elementSize == 1)
        {
            destination.Fill(padValue[0]);
        }
        else
        {
            for (var i = 0; i < destination.Length; i += elementSize)
            {
                padValue.CopyTo(destination.Slice(i, elementSize));
            }
        }

        var rowBytes = inShape[3] * elementSize;
        for (var d0 = 0; d0 < inShape[0]; d0++)
        {
            for (var d1 = 0; d1 < inShape[1]; d1++)
            {
                for (var d2 = 0; d2 < inShape[2]; d2++)
                {
                    var inRow = ((((d0 * inShape[1]) + d1) * inShape[2]) + d2) * rowBytes;
                    var outIndex = (((((d0 + before[0]) * outShape[1]) + d1 + before[1]) * outShape[2]) + d2 + before[2]) * outShape[3] + before[3];
                    source.Slice(inRow, rowBytes).CopyTo(destination.Slice(outIndex * elementSize, rowBytes));
                }
            }
        }
    }
}
