using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// RELU, RELU6 and RELU_N1_TO_1 on int8/uint8: requantize input to output scale (a no-op multiplier when
/// they share it), then clamp to the activation's range in the output domain; float32 clamps.
/// </summary>
internal sealed class Relu : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int inputZeroPoint, outputZeroPoint, multiplier, shift, actMin, actMax;
    private readonly float floatMin, floatMax;

    private Relu(KernelContext context, float realMin, float realMax)
    {
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(input, output);
        context.ExpectShape(output, input.Shape);
        (floatMin, floatMax) = (realMin, realMax);
        if (input.Type == TensorType.Float32)
        {
            return;
        }

        context.ExpectQuantized(input, "input");
        context.ExpectQuantized(output, "output");
        inputZeroPoint = input.ZeroPoint;
        outputZeroPoint = output.ZeroPoint;
        (multiplier, shift) = QuantizedMath.QuantizeMultiplier(input.Scale / output.Scale);
        var (typeMin, typeMax) = QuantizedMath.TypeRange(input.Type);
        actMin = Math.Max(typeMin, outputZeroPoint + (int)QuantizedMath.RoundF(realMin / output.Scale));
        actMax = float.IsPositiveInfinity(realMax)
            ? typeMax
            : Math.Min(typeMax, outputZeroPoint + (int)QuantizedMath.RoundF(realMax / output.Scale));
    }

    public static OpKernel PrepareRelu(KernelContext context, KernelVariant variant) => new Relu(context, 0f, float.PositiveInfinity);

    public static OpKernel PrepareRelu6(KernelContext context, KernelVariant variant) => new Relu(context, 0f, 6f);

    public static OpKernel PrepareReluN1To1(KernelContext context, KernelVariant variant) => new Relu(context, -1f, 1f);

    public override void Eval()
    {
        switch (input.Type)
        {
            case TensorType.Int8:
                Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>());
                break;
            case TensorType.UInt8:
                Eval<byte>(input.Bytes, output.Bytes);
                break;
            default:
                var source = input.As<float>();
                var destination = output.As<float>();
                for (var i = 0; i < source.Length; i++)
                {
                    destination[i] = Math.Min(Math.Max(source[i], floatMin), floatMax);
                }

                break;
        }
    }

    private void Eval<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var value = outputZeroPoint + QuantizedMath.MultiplyByQuantizedMultiplier(int.CreateTruncating(source[i]) - inputZeroPoint, multiplier, shift);
            destination[i] = T.CreateTruncating(KernelUtil.Clamp(value, actMin, actMax));
        }
    }
}
