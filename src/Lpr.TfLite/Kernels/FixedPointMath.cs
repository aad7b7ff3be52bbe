using System.Runtime.CompilerServices;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// gemmlowp's Q-format transcendental helpers on raw int32 values, as TFLite 2.2's quantized SOFTMAX
/// uses them. A value with I integer bits has raw = real * 2^(31 - I). The polynomial constants are
/// the published gemmlowp ones (they are facts of the format, needed for bit-exact results).
/// </summary>
internal static class FixedPointMath
{
    /// <summary>Raw value of 1.0 in Q0.31 (not representable: saturates to int.MaxValue as gemmlowp's One()).</summary>
    public const int OneQ0 = int.MaxValue;

    /// <summary>exp(a) for a in [-1/4, 0), a and result in Q0.31 (Taylor expansion around -1/8).</summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAndZeroExcl(int a)
    {
        const int constantTerm = 1895147668; // exp(-1/8)
        const int constantOneOverThree = 715827883; // 1/3
        var x = unchecked(a + (1 << 28)); // a + 1/8
        var x2 = Mul(x, x);
        var x3 = Mul(x2, x);
        var x4 = Mul(x2, x2);
        var x4Over4 = QuantizedMath.SaturatingRoundingMultiplyByPOT(x4, -2);
        var polynomial = QuantizedMath.SaturatingRoundingMultiplyByPOT(unchecked(Mul(unchecked(x4Over4 + x3), constantOneOverThree) + x2), -1);
        return unchecked(constantTerm + Mul(constantTerm, unchecked(x + polynomial)));
    }

    /// <summary>exp(a) for a ≤ 0 given with <paramref name="integerBits"/> integer bits; result in Q0.31.</summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        var fractionalBits = 31 - integerBits;
        var oneQuarter = 1 << (fractionalBits - 2);
        var mask = oneQuarter - 1;
        var aModQuarterMinusOneQuarter = unchecked((a & mask) - oneQuarter);
        var result = ExpOnIntervalBetweenNegativeOneQuarterAndZeroExcl(
            QuantizedMath.SaturatingRoundingMultiplyByPOT(aModQuarterMinusOneQuarter, integerBits));
        var remainder = unchecked(aModQuarterMinusOneQuarter - a);

        // Barrel shifter: multiply by exp(-2^k) for every bit k of the remainder.
        result = BarrelStep(result, remainder, integerBits, fractionalBits, -2, 1672461947);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, -1, 1302514674);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, 0, 790015084);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, 1, 290630308);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, 2, 39332535);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, 3, 720401);
        result = BarrelStep(result, remainder, integerBits, fractionalBits, 4, 242);

        if (integerBits > 5)
        {
            var clamp = -(1 << (36 - integerBits)); // -32.0
            if (a < clamp)
            {
                result = 0;
            }
        }

        return a == 0 ? OneQ0 : result;
    }

    /// <summary>1 / (1 + a) for a in [0, 1), a and result in Q0.31 (three Newton-Raphson steps in Q2.29).</summary>
    public static int OneOverOnePlusXForXIn01(int a)
    {
        var halfDenominator = RoundingHalfSum(a, OneQ0);
        const int constant48Over17 = 1515870810;
        const int constantNeg32Over17 = -1010580540;
        const int oneQ2 = 1 << 29;
        var x = unchecked(constant48Over17 + Mul(halfDenominator, constantNeg32Over17));
        for (var i = 0; i < 3; i++)
        {
            var halfDenominatorTimesX = Mul(halfDenominator, x);
            var oneMinusHalfDenominatorTimesX = unchecked(oneQ2 - halfDenominatorTimesX);
            x = unchecked(x + QuantizedMath.SaturatingRoundingMultiplyByPOT(Mul(x, oneMinusHalfDenominatorTimesX), 2));
        }

        // ExactMulByPot<-1> reinterprets Q2 as Q1; Rescale<0> then shifts left by one, saturating.
        return QuantizedMath.SaturatingRoundingMultiplyByPOT(x, 1);
    }

    /// <summary>
    /// TFLite's GetReciprocal: 1/x for x with <paramref name="integerDigits"/> integer bits, as a Q0.31 scale and the
    /// number of bits x is above one.
    /// </summary>
    public static int GetReciprocal(int x, int integerDigits, out int numBitsOverUnit)
    {
        var headroomPlusOne = QuantizedMath.CountLeadingZeros((uint)x);
        numBitsOverUnit = integerDigits - headroomPlusOne;
        var shiftedSumMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return OneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }

    /// <summary>Fixed-point product (integer bits add up): SaturatingRoundingDoublingHighMul on raw values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Mul(int a, int b) => QuantizedMath.SaturatingRoundingDoublingHighMul(a, b);

    /// <summary>(a + b) / 2 rounded half away from zero, without overflow.</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        var sum = (long)a + b;
        var sign = sum >= 0 ? 1 : -1;
        return (int)((sum + sign) / 2);
    }

    private static int BarrelStep(int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier)
    {
        if (integerBits <= exponent)
        {
            return result;
        }

        var shiftAmount = fractionalBits + exponent;
        return (remainder & (1 << shiftAmount)) != 0 ? Mul(result, multiplier) : result;
    }
}
