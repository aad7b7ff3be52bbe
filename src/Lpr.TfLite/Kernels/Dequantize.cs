using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>DEQUANTIZE int8/uint8 to float32: (float)(scale * (q - zero_point)) with the product in double, as TFLite.</summary>
internal sealed class Dequantize : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly double scale;
    private readonly int zeroPoint;

    private Dequantize(KernelContext context)
    {
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectType(output, "output", TensorType.Float32);
        context.ExpectShape(output, input.Shape);
        context.ExpectQuantized(input, "input");
        scale = input.Scale;
        zeroPoint = input.ZeroPoint;
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Dequantize(context);

    public override void Eval()
    {
        var destination = output.As<float>();
        if (input.Type == TensorType.Int8)
        {
            var source = input.As<sbyte>();
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = (float)(scale * (source[i] - zeroPoint));
            }
        }
        else
        {
            var source = input.Bytes;
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = (float)(scale * (source[i] - zeroPoint));
            }
        }
    }
}
