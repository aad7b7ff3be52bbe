using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// CONCATENATION along one axis. int8 inputs must share the output's quantization (TFLite 2.2's rule);
/// uint8 inputs with other quantization are requantized through float as TFLite's ConcatenationWithScaling.
/// </summary>
internal sealed class Concatenation : OpKernel
{
    private readonly KernelTensor[] inputs;
    private readonly KernelTensor output;
    private readonly int outerSize;
    private readonly int[] copySizes;
    private readonly bool[] rescale;
    private readonly float[] scales, biases;

    private Concatenation(KernelContext context)
    {
        if (context.InputCount < 1 || context.OutputCount != 1)
        {
            throw context.Invalid("expects at least 1 input and 1 output");
        }

        var options = context.Options<ConcatenationOptions>();
        if (options.Activation != ActivationFunction.None)
        {
            throw context.Unsupported("fused activation on CONCATENATION");
        }

        output = context.Output(0);
        inputs = [.. Enumerable.Range(0, context.InputCount).Select(context.Input)];
        context.ExpectType(output, "output", TensorType.Int8, TensorType.UInt8, TensorType.Float32, TensorType.Int32);
        var rank = output.Rank;
        var axis = KernelUtil.ResolveAxis(context, options.Axis, rank);
        var axisTotal = 0L;
        foreach (var t in inputs)
        {
            context.ExpectSameType(t, output);
            if (t.Rank != rank)
            {
                throw context.Invalid($"input '{t.Name}' has rank {t.Rank}, output has {rank}");
            }

            for (var d = 0; d < rank; d++)
            {
                if (d != axis && t.Shape[d] != output.Shape[d])
                {
                    throw context.Invalid($"input '{t.Name}' shape [{string.Join(',', t.Shape)}] does not match output [{string.Join(',', output.Shape)}] outside axis {axis}");
                }
            }

            axisTotal += t.Shape[axis];
        }

        if (axisTotal != output.Shape[axis])
        {
            throw context.Invalid($"inputs add up to {axisTotal} along axis {axis}, output has {output.Shape[axis]}");
        }

        outerSize = 1;
        for (var d = 0; d < axis; d++)
        {
            outerSize *= output.Shape[d];
        }

        var inner = 1;
        for (var d = axis + 1; d < rank; d++)
        {
            inner *= output.Shape[d];
        }

        copySizes = [.. inputs.Select(t => t.Shape[axis] * inner)];
        rescale = new bool[inputs.Length];
        scales = new float[inputs.Length];
        biases = new float[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t.Type is not (TensorType.Int8 or TensorType.UInt8) || (t.Scale == output.Scale && t.ZeroPoint == output.ZeroPoint))
            {
                continue;
            }

            if (t.Type == TensorType.Int8)
            {
                throw context.Unsupported($"int8 input '{t.Name}' must share the output's scale and zero point");
            }

            rescale[i] = true;
            scales[i] = t.Scale * (1f / output.Scale);
            biases[i] = -t.ZeroPoint * scales[i];
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Concatenation(context);

    public override void Eval()
    {
        var elementSize = output.Type.ElementSize();
        var destination = output.Bytes;
        var position = 0;
        for (var outer = 0; outer < outerSize; outer++)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var size = copySizes[i];
                var source = inputs[i].Bytes.Slice(outer * size * elementSize, size * elementSize);
                var target = destination.Slice(position, size * elementSize);
                if (rescale[i])
                {
                    for (var j = 0; j < size; j++)
                    {
                        var value = (int)MathF.Round((source[j] * scales[i]) + biases[i], MidpointRounding.AwayFromZero) + output.ZeroPoint;
                        target[j] = (byte)KernelUtil.Clamp(value, 0, 255);
                    }
                }
                else
                {
                    source.CopyTo(target);
                }

                position += size * elementSize;
            }
        }
    }
}
