using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// RESHAPE, SQUEEZE and EXPAND_DIMS: the bytes do not change, only the shape, which the model declares on
/// the output tensor; Prepare checks that element count and type agree. Eval copies (or does nothing when
/// the planner made input and output share memory).
/// </summary>
internal sealed class Reshape : OpKernel
{
    private readonly KernelTensor input, output;

    private Reshape(KernelContext context)
    {
        if (context.InputCount < 1 || context.OutputCount != 1)
        {
            throw context.Invalid("expects 1 or 2 inputs and 1 output");
        }

        input = context.Input(0);
        output = context.Output(0);
        context.ExpectSameType(input, output);
        if (input.ElementCount != output.ElementCount)
        {
            throw context.Invalid($"input [{string.Join(',', input.Shape)}] and output [{string.Join(',', output.Shape)}] have different element counts");
        }

        if (input.Type is TensorType.Int8 or TensorType.UInt8 && (input.Scale != output.Scale || input.ZeroPoint != output.ZeroPoint))
        {
            throw context.Invalid("a reshape cannot change quantization");
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Reshape(context);

    public override void Eval()
    {
        if (ReferenceEquals(input.Storage, output.Storage) && input.Offset == output.Offset)
        {
            return;
        }

        input.Bytes.CopyTo(output.Bytes);
    }
}
