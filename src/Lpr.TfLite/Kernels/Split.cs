using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// SPLIT: inputs (axis, value), <c>num_splits</c> outputs of equal size along the axis (TFLite's order: the
/// axis operand comes first). The axis must be a constant scalar here (TFLite 2.2 makes the outputs dynamic
/// otherwise). The bytes are copied unchanged, so every 8-bit output must share the input's quantization.
/// </summary>
internal sealed class Split : OpKernel
{
    private readonly KernelTensor input;
    private readonly KernelTensor[] outputs;
    private readonly int outerSize, sliceBytes;

    private Split(KernelContext context)
    {
        if (context.InputCount != 2 || context.OutputCount < 1)
        {
            throw context.Invalid("expects 2 inputs (axis, value) and at least 1 output");
        }

        var options = context.Options<SplitOptions>();
        if (options.NumSplits != context.OutputCount)
        {
            throw context.Invalid($"num_splits is {options.NumSplits} but the operator has {context.OutputCount} outputs");
        }

        var axisValues = KernelUtil.ReadInt32Constant(context, context.Input(0), "axis");
        if (axisValues.Length != 1)
        {
            throw context.Invalid($"the axis operand must hold one value, holds {axisValues.Length}");
        }

        input = context.Input(1);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Int32, TensorType.Float32);
        var rank = input.Rank;
        var axis = KernelUtil.ResolveAxis(context, axisValues[0], rank);
        var splits = options.NumSplits;
        if (input.Shape[axis] % splits != 0)
        {
            throw context.Invalid($"dimension {axis} of input [{string.Join(',', input.Shape)}] is not a multiple of num_splits {splits}");
        }

        var expected = (int[])input.Shape.Clone();
        expected[axis] /= splits;
        outputs = [.. Enumerable.Range(0, context.OutputCount).Select(context.Output)];
        foreach (var output in outputs)
        {
            context.ExpectSameType(input, output);
            context.ExpectShape(output, expected);
            if (input.Type is TensorType.Int8 or TensorType.UInt8)
            {
                KernelUtil.ExpectSameQuantization(context, input, output);
            }
        }

        outerSize = 1;
        for (var d = 0; d < axis; d++)
        {
            outerSize *= input.Shape[d];
        }

        long inner = input.Type.ElementSize();
        for (var d = axis + 1; d < rank; d++)
        {
            inner *= input.Shape[d];
        }

        sliceBytes = (int)(expected[axis] * inner);
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Split(context);

    /// <summary>Reference implementation: for each outer index, one contiguous slice into each output in turn.</summary>
    public override void Eval()
    {
        var source = input.Bytes;
        var position = 0;
        for (var outer = 0; outer < outerSize; outer++)
        {
            for (var i = 0; i < outputs.Length; i++)
            {
                source.Slice(position, sliceBytes).CopyTo(outputs[i].Bytes.Slice(outer * sliceBytes, sliceBytes));
                position += sliceBytes;
            }
        }
    }
}
