using System.Numerics;
using System.Runtime.CompilerServices;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// TFLite's integer arithmetic, spelled out so that managed kernels are bit-exact with the TFLite 2.2
/// reference and optimized integer kernels (which share these routines, originally from gemmlowp).
/// A real multiplier M is represented as a Q31 fixed-point significand in [2^30, 2^31) and a power-of-two
/// exponent: M = significand * 2^(exponent - 31).
/// </summary>
internal static class QuantizedMath
{
    /// <summary>
    /// Splits <paramref name="realMultiplier"/> into a Q31 significand and an exponent (TFLite's
    /// QuantizeMultiplier): frexp, round half away from zero, renormalize 2^31, flush exponents below -31
    /// to zero as TFLite does.
    /// </summary>
    public static (int Multiplier, int Shift) QuantizeMultiplier(double realMultiplier)
    {
        if (realMultiplier == 0.0)
        {
            return (0, 0);
        }

        var (q, shift) = FrExp(realMultiplier);
        var qFixed = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed > 1L << 31)
        {
            throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "The multiplier cannot be quantized.");
        }

        if (qFixed == 1L << 31)
        {
            qFixed /= 2;
            shift++;
        }

        if (shift < -31)
        {
            shift = 0;
            qFixed = 0;
        }

        return ((int)qFixed, shift);
    }

    /// <summary>QuantizeMultiplier for multipliers in (0, 1): the exponent is ≤ 0 (a right shift).</summary>
    public static (int Multiplier, int Shift) QuantizeMultiplierSmallerThanOneExp(double realMultiplier)
    {
        if (realMultiplier is <= 0.0 or >= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "Expected a multiplier in (0, 1).");
        }

        var result = QuantizeMultiplier(realMultiplier);
        return result.Shift <= 0 ? result
            : throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "Expected a multiplier in (0, 1).");
    }

    /// <summary>QuantizeMultiplier for multipliers above one: the exponent is ≥ 0 (a left shift).</summary>
    public static (int Multiplier, int Shift) QuantizeMultiplierGreaterThanOne(double realMultiplier)
    {
        if (!(realMultiplier > 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "Expected a multiplier above 1.");
        }

        var result = QuantizeMultiplier(realMultiplier);
        return result.Shift >= 0 ? result
            : throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "Expected a multiplier above 1.");
    }

    /// <summary>std::frexp: value = fraction * 2^exponent with |fraction| in [0.5, 1).</summary>
    public static (double Fraction, int Exponent) FrExp(double value)
    {
        if (value == 0.0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return (value, 0);
        }

        var exponent = Math.ILogB(value) + 1;
        return (Math.ScaleB(value, -exponent), exponent);
    }

    /// <summary>gemmlowp's SaturatingRoundingDoublingHighMul: round((a*b*2) / 2^32), saturating the one overflow case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == b && a == int.MinValue)
        {
            return int.MaxValue;
        }

        var ab = (long)a * b;
        var nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((ab + nudge) / (1L << 31));
    }

    /// <summary>The 16-bit form of <see cref="SaturatingRoundingDoublingHighMul(int, int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short SaturatingRoundingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }

        var ab = a * b;
        var nudge = ab >= 0 ? 1 << 14 : 1 - (1 << 14);
        return (short)((ab + nudge) / (1 << 15));
    }

    /// <summary>The non-rounding 16-bit doubling high multiply (TFLite's SaturatingDoublingHighMul), used by HARD_SWISH.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short SaturatingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }

        return (short)(a * b / (1 << 15));
    }

    /// <summary>gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        var mask = (int)((1L << exponent) - 1);
        var remainder = x & mask;
        var threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>The 16-bit form of <see cref="RoundingDivideByPOT(int, int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short RoundingDivideByPOT(short x, int exponent)
    {
        var mask = (short)((1 << exponent) - 1);
        var remainder = (short)(x & mask);
        var threshold = (short)((mask >> 1) + (x < 0 ? 1 : 0));
        return (short)((x >> exponent) + (remainder > threshold ? 1 : 0));
    }

    /// <summary>gemmlowp's SaturatingRoundingMultiplyByPOT: x * 2^exponent, saturating left shifts, rounding right shifts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SaturatingRoundingMultiplyByPOT(int x, int exponent)
    {
        if (exponent == 0)
        {
            return x;
        }

        if (exponent < 0)
        {
            return RoundingDivideByPOT(x, -exponent);
        }

        var threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold)
        {
            return int.MaxValue;
        }

        return x < -threshold ? int.MinValue : x << exponent;
    }

    /// <summary>
    /// x * M where M = multiplier * 2^(shift - 31): the form TFLite 2.2 uses for conv, FC, MUL, requantize
    /// (left shift first, then rounding high multiply, then rounding right shift).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift)
    {
        var leftShift = shift > 0 ? shift : 0;
        var rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), quantizedMultiplier), rightShift);
    }

    /// <summary>The ADD/SUB form for multipliers below one: rounding high multiply, then rounding right shift by -leftShift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultiplyByQuantizedMultiplierSmallerThanOneExp(int x, int quantizedMultiplier, int leftShift) =>
        RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);

    /// <summary>The SOFTMAX form for multipliers above one: left shift, then rounding high multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int quantizedMultiplier, int leftShift) =>
        SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), quantizedMultiplier);

    /// <summary>std::round on floats (half away from zero), as TfLiteRound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundF(float value) => MathF.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>std::round on doubles (half away from zero), as TfLiteRound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>The value range of a quantized element type.</summary>
    public static (int Min, int Max) TypeRange(TensorType type) => type switch
    {
        TensorType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        TensorType.UInt8 => (byte.MinValue, byte.MaxValue),
        TensorType.Int16 => (short.MinValue, short.MaxValue),
        TensorType.Int32 => (int.MinValue, int.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a quantized integer type."),
    };

    /// <summary>
    /// CalculateActivationRangeQuantized: the clamp range of a fused activation in the output's quantized
    /// domain (the real bounds 0, 6, ±1 quantized with float division and round half away from zero).
    /// </summary>
    public static (int Min, int Max) ActivationRange(ActivationFunction activation, TensorType outputType, float outputScale, int outputZeroPoint)
    {
        var (qmin, qmax) = TypeRange(outputType);
        int Quantize(float f) => outputZeroPoint + (int)RoundF(f / outputScale);
        return activation switch
        {
            ActivationFunction.None => (qmin, qmax),
            ActivationFunction.Relu => (Math.Max(qmin, Quantize(0f)), qmax),
            ActivationFunction.Relu6 => (Math.Max(qmin, Quantize(0f)), Math.Min(qmax, Quantize(6f))),
            ActivationFunction.ReluN1To1 => (Math.Max(qmin, Quantize(-1f)), Math.Min(qmax, Quantize(1f))),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "This fused activation is not supported on quantized tensors."),
        };
    }

    /// <summary>The float clamp range of a fused activation (CalculateActivationRange).</summary>
    public static (float Min, float Max) ActivationRangeFloat(ActivationFunction activation) => activation switch
    {
        ActivationFunction.None => (float.MinValue, float.MaxValue),
        ActivationFunction.Relu => (0f, float.MaxValue),
        ActivationFunction.Relu6 => (0f, 6f),
        ActivationFunction.ReluN1To1 => (-1f, 1f),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "This fused activation is not supported."),
    };

    /// <summary>CountLeadingZeros of a 32-bit value.</summary>
    public static int CountLeadingZeros(uint value) => BitOperations.LeadingZeroCount(value);
}
