using System.Numerics;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// HARD_SWISH x*relu6(x+3)/6 on int8/uint8 in TFLite 2.2's 16-bit fixed point: the input on a "hires"
/// scale (x 2^7), a relu-ish factor in [0, 1] from the input rescaled so that 3.0 maps to 2^15, their
/// non-rounding doubling product, and a final rounding right shift onto the output scale.
/// </summary>
internal sealed class HardSwish : OpKernel
{
    private readonly KernelTensor input, output;
    private readonly int inputZeroPoint, outputZeroPoint, outputExponent, reluishExponent, typeMin, typeMax;
    private readonly short outputMultiplier, reluishMultiplier;

    private HardSwish(KernelContext context)
    {
        context.ExpectCounts(1, 1);
        input = context.Input(0);
        output = context.Output(0);
        context.ExpectType(input, "input", TensorType.Int8, TensorType.UInt8);
        context.ExpectSameType(input, output);
        context.ExpectShape(output, input.Shape);
        context.ExpectQuantized(input, "input");
        context.ExpectQuantized(output, "output");
        inputZeroPoint = input.ZeroPoint;
        outputZeroPoint = output.ZeroPoint;
        (typeMin, typeMax) = QuantizedMath.TypeRange(input.Type);

        // Float arithmetic exactly as TFLite's HardSwishPrepare.
        var hiresInputScale = (1.0f / 128.0f) * input.Scale;
        const float reluishScale = 3.0f / 32768.0f;
        var outputMultiplierReal = hiresInputScale / output.Scale;
        (var outputFixed, outputExponent) = QuantizedMath.QuantizeMultiplier(outputMultiplierReal);
        outputMultiplier = DownScaleToInt16(outputFixed);
        if (outputExponent > 0)
        {
            throw context.Unsupported($"output scale {output.Scale} is too small relative to input scale {input.Scale}");
        }

        var reluishMultiplierReal = hiresInputScale / reluishScale;
        (var reluishFixed, reluishExponent) = QuantizedMath.QuantizeMultiplier(reluishMultiplierReal);
        reluishMultiplier = DownScaleToInt16(reluishFixed);
    }

    public static OpKernel Prepare(KernelContext context, KernelVariant variant) => new HardSwish(context);

    /// <summary>Rounds a Q31 multiplier to Q15 (DownScaleInt32ToInt16Multiplier).</summary>
    internal static short DownScaleToInt16(int multiplier)
    {
        const int roundingOffset = 1 << 15;
        if (multiplier >= int.MaxValue - roundingOffset)
        {
            return short.MaxValue;
        }

        return (short)((multiplier + roundingOffset) >> 16);
    }

    public override void Eval()
    {
        if (input.Type == TensorType.Int8)
        {
            Eval<sbyte>(input.As<sbyte>(), output.As<sbyte>());
        }
        else
        {
            Eval<byte>(input.Bytes, output.Bytes);
        }
    }

    private static short SaturatingLeftShift(short value, int amount)
    {
        var result = value * (1 << amount);
        return (short)Math.Min(Math.Max(result, short.MinValue), short.MaxValue);
    }

    private void Eval<T>(ReadOnlySpan<T> inputData, Span<T> outputData)
        where T : unmanaged, INumberBase<T>
    {
        for (var i = 0; i < inputData.Length; i++)
        {
            var inputValue = (short)(int.CreateTruncating(inputData[i]) - inputZeroPoint);
            var hires = (short)(inputValue << 7);
            var preshiftOutput = QuantizedMath.SaturatingRoundingDoublingHighMul(hires, outputMultiplier);
            var reluish = hires;
            if (reluishExponent > 0)
            {
                reluish = SaturatingLeftShift(reluish, reluishExponent - 1);
            }

            reluish = QuantizedMath.SaturatingRoundingDoublingHighMul(reluish, reluishMultiplier);
            if (reluishExponent > 0)
            {
                reluish = SaturatingLeftShift(reluish, 1);
            }

            if (reluishExponent < 0)
            {
                reluish = QuantizedMath.RoundingDivideByPOT(reluish, -reluishExponent);
            }

            reluish = (short)((reluish + (1 << 15)) >> 1);
            var preshiftValue = QuantizedMath.SaturatingDoublingHighMul(reluish, preshiftOutput);
            var value = (short)(QuantizedMath.RoundingDivideByPOT(preshiftValue, -outputExponent) + outputZeroPoint);
            outputData[i] = T.CreateTruncating(Math.Max(Math.Min((int)value, typeMax), typeMin));
        }
    }
}
