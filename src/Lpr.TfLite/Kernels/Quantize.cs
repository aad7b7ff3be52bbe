using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// QUANTIZE: float32 to int8/uint8 (round(x / scale) + zero point, clamped; the division in double as
/// TFLite's QuantizationParams holds a double scale) and 8-bit requantization int8/uint8 to int8/uint8
/// (integer multiplier of input_scale/output_scale).
/// </summary>
internal sealed class Quantize : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int outMin, outMax, multiplier, shift;
    private readonly double scale;

    private Quantize(KernelContext context)
    {
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Float32, TensorType.Int8, TensorType.UInt8);
        context.ExpectType(output, "output", TensorType.Int8, TensorType.UInt8);
        context.ExpectShape(output, input.Shape);
        context.ExpectQuantized(output, "output");
        (outMin, outMax) = QuantizedMath.TypeRange(output.Type);
        scale = output.Scale;
        if (input.Type != TensorType.Float32)
        {
            context.ExpectQuantized(input, "input");
            (multiplier, shift) = QuantizedMath.QuantizeMultiplier((double)input.Scale / output.Scale);
        }
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new Quantize(context);

    public override void Eval()
    {
        var destination = output.Bytes;
        var zeroPoint = output.ZeroPoint;
        switch (input.Type)
        {
            case TensorType.Float32:
                var source = input.As<float>();
                for (var i = 0; i < source.Length; i++)
                {
                    var value = (int)QuantizedMath.Round(source[i] / scale) + zeroPoint;
                    destination[i] = unchecked((byte)KernelUtil.Clamp(value, outMin, outMax));
                }

                break;
            case TensorType.Int8:
                var signed = input.As<sbyte>();
                for (var i = 0; i < signed.Length; i++)
                {
                    destination[i] = Requantize(signed[i]);
                }

                break;
            default:
                var unsigned = input.Bytes;
                for (var i = 0; i < unsigned.Length; i++)
                {
                    destination[i] = Requantize(unsigned[i]);
                }

                break;
        }
    }

    private byte Requantize(int value)
    {
        var scaled = QuantizedMath.MultiplyByQuantizedMultiplier(value - input.ZeroPoint, multiplier, shift) + output.ZeroPoint;
        return unchecked((byte)KernelUtil.Clamp(scaled, outMin, outMax));
    }
}
