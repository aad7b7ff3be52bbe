using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// An 8-bit elementwise op evaluated through a 256-entry table built at Prepare, as TFLite 2.2 does for
/// int8/uint8 LOGISTIC and TANH: dequantize in float, apply the float function, round half away from zero,
/// add the zero point, clamp.
/// </summary>
internal sealed class LookupTable : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly byte[] table = new byte[256];

    public LookupTable(KernelContext context, Func<float, float> transform, float requiredScale, int zeroPointInt8, int zeroPointUInt8)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transform);
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        context.ExpectShape(output, input.Shape);
        context.ExpectQuantized(input, "input");
        var zeroPoint = input.Type == TensorType.Int8 ? zeroPointInt8 : zeroPointUInt8;
        if (output.Scale != requiredScale || output.ZeroPoint != zeroPoint)
        {
            throw context.Invalid($"output '{output.Name}' must have scale {requiredScale} and zero point {zeroPoint}");
        }

        var (min, max) = QuantizedMath.TypeRange(input.Type);
        var inverseScale = 1 / output.Scale;
        for (var value = min; value <= max; value++)
        {
            var dequantized = input.Scale * (value - input.ZeroPoint);
            var transformed = transform(dequantized);
            var rescaled = MathF.Round(transformed * inverseScale, MidpointRounding.AwayFromZero);
            var quantized = (int)(rescaled + output.ZeroPoint);
            table[(byte)value] = (byte)Math.Max(Math.Min(max, quantized), min);
        }
    }

    public override void Eval()
    {
        var source = input.Bytes;
        var destination = output.Bytes;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }
}
