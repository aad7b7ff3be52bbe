using CsCheck;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Kernels;

public sealed class QuantizedMathTests
{
    [Theory]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.25, 1 << 30, -1)]
    [InlineData(3.0, 1610612736, 2)] // 0.75 * 2^31, 2^2
    [InlineData(0.0, 0, 0)]
    [InlineData(1e-12, 0, 0)] // below 2^-31: flushed to zero as TFLite does
    public void QuantizeMultiplier_known_values(double real, int multiplier, int shift)
    {
        Assert.Equal((multiplier, shift), QuantizedMath.QuantizeMultiplier(real));
    }

    [Fact]
    public void QuantizeMultiplier_rounding_up_to_two_to_the_31_renormalizes()
    {
        // (2^31 - 0.25) / 2^31 rounds to 2^31: the significand is halved and the exponent incremented.
        var real = (double)((1L << 31) - 0.25) / (1L << 31);
        Assert.Equal((1 << 30, 1), QuantizedMath.QuantizeMultiplier(real));
    }

    [Fact]
    public void QuantizeMultiplier_reconstructs_the_real_multiplier() =>
        Gen.Double[1e-6, 1e6].Sample(real =>
        {
            var (m, s) = QuantizedMath.QuantizeMultiplier(real);
            Assert.InRange(m, 1 << 30, int.MaxValue);
            var back = m * Math.Pow(2, s - 31);
            Assert.True(Math.Abs(back - real) <= real * Math.Pow(2, -30), $"{real} -> {m}*2^{s - 31} = {back}");
        });

    [Theory]
    [InlineData(1 << 30, 1 << 30, 1 << 29)] // 0.5 * 0.5 = 0.25
    [InlineData(int.MinValue, int.MinValue, int.MaxValue)] // the single overflow case saturates
    [InlineData(-(1 << 30), 1 << 30, -(1 << 29))]
    [InlineData(3, 1 << 30, 2)] // 1.5 rounds away from zero
    [InlineData(-3, 1 << 30, -1)] // -1.5: negative ties round toward zero (nudge 1 - 2^30)
    [InlineData(1, 1 << 30, 1)] // 0.5 rounds up
    [InlineData(-1, 1 << 30, 0)] // -0.5: gemmlowp's nudge (1 - 2^30) truncates toward zero
    public void SaturatingRoundingDoublingHighMul_known_values(int a, int b, int expected)
    {
        Assert.Equal(expected, QuantizedMath.SaturatingRoundingDoublingHighMul(a, b));
    }

    [Fact]
    public void SaturatingRoundingDoublingHighMul_is_the_rounded_product() =>
        Gen.Select(Gen.Int, Gen.Int).Sample((a, b) =>
        {
            if (a == int.MinValue && b == int.MinValue)
            {
                return;
            }

            var exact = (double)a * b / (1L << 31);
            Assert.True(Math.Abs(QuantizedMath.SaturatingRoundingDoublingHighMul(a, b) - exact) <= 0.5 + 1e-9, $"{a} {b}");
        });

    [Theory]
    [InlineData(5, 1, 3)] // 2.5 -> 3
    [InlineData(-5, 1, -3)] // -2.5 -> -3 (away from zero)
    [InlineData(7, 2, 2)] // 1.75 -> 2
    [InlineData(-7, 2, -2)]
    [InlineData(6, 2, 2)] // 1.5 -> 2
    [InlineData(-6, 2, -2)] // -1.5 -> -2
    [InlineData(123456, 0, 123456)]
    public void RoundingDivideByPOT_rounds_half_away_from_zero(int x, int exponent, int expected)
    {
        Assert.Equal(expected, QuantizedMath.RoundingDivideByPOT(x, exponent));
    }

    [Fact]
    public void RoundingDivideByPOT_matches_rounded_division() =>
        Gen.Select(Gen.Int, Gen.Int[0, 30]).Sample((x, exponent) =>
        {
            var exact = x / Math.Pow(2, exponent);
            var expected = (int)Math.Round(exact, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, QuantizedMath.RoundingDivideByPOT(x, exponent));
        });

    [Fact]
    public void MultiplyByQuantizedMultiplier_approximates_the_real_product() =>
        Gen.Select(Gen.Int[-100_000, 100_000], Gen.Double[1e-4, 8]).Sample((x, real) =>
        {
            var (m, s) = QuantizedMath.QuantizeMultiplier(real);
            var result = QuantizedMath.MultiplyByQuantizedMultiplier(x, m, s);
            Assert.True(Math.Abs(result - (x * real)) <= 1.0 + (Math.Abs(x * real) * 1e-8), $"{x} * {real} = {result}");
        });

    [Fact]
    public void MultiplyByQuantizedMultiplier_with_left_shift()
    {
        // 3.0 = 0.75 * 2^2: 10 * 3 = 30.
        var (m, s) = QuantizedMath.QuantizeMultiplier(3.0);
        Assert.Equal(30, QuantizedMath.MultiplyByQuantizedMultiplier(10, m, s));
        Assert.Equal(-30, QuantizedMath.MultiplyByQuantizedMultiplier(-10, m, s));
    }

    [Fact]
    public void SmallerThanOne_and_GreaterThanOne_forms_agree_with_the_general_form() =>
        Gen.Select(Gen.Int[-1_000_000, 1_000_000], Gen.Double[0.001, 0.999], Gen.Double[1.001, 50]).Sample((x, small, large) =>
        {
            var (ms, ss) = QuantizedMath.QuantizeMultiplierSmallerThanOneExp(small);
            Assert.Equal(QuantizedMath.MultiplyByQuantizedMultiplier(x, ms, ss), QuantizedMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(x, ms, ss));
            var (ml, sl) = QuantizedMath.QuantizeMultiplierGreaterThanOne(large);
            var y = x / 64; // keep the left-shifted value inside int32
            Assert.Equal(QuantizedMath.MultiplyByQuantizedMultiplier(y, ml, sl), QuantizedMath.MultiplyByQuantizedMultiplierGreaterThanOne(y, ml, sl));
        });

    [Fact]
    public void SmallerThanOne_form_rejects_multipliers_of_one_or_more()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizedMath.QuantizeMultiplierSmallerThanOneExp(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizedMath.QuantizeMultiplierGreaterThanOne(0.5));
    }

    [Fact]
    public void RoundingDivideByPOT_with_negative_exponent_reproduces_x86_shift_masking()
    {
        // TFLite 2.2's uint8 MUL reaches this with multipliers above one; C++ on x86 masks the counts,
        // so the result is the sign of x (1 for x >= 0, -1 otherwise).
        Assert.Equal(1, QuantizedMath.RoundingDivideByPOT(12345, -1));
        Assert.Equal(1, QuantizedMath.RoundingDivideByPOT(0, -1));
        Assert.Equal(-1, QuantizedMath.RoundingDivideByPOT(-12345, -1));
    }

    [Theory]
    [InlineData(ActivationFunction.None, -128, 127)]
    [InlineData(ActivationFunction.Relu, -10, 127)]
    [InlineData(ActivationFunction.Relu6, -10, 50)] // 6 / 0.1 = 60 -> -10 + 60
    [InlineData(ActivationFunction.ReluN1To1, -20, 0)]
    public void ActivationRange_in_quantized_domain(ActivationFunction activation, int min, int max)
    {
        Assert.Equal((min, max), QuantizedMath.ActivationRange(activation, TensorType.Int8, 0.1f, -10));
    }

    [Fact]
    public void ActivationRange_is_clipped_to_the_type()
    {
        Assert.Equal((0, 255), QuantizedMath.ActivationRange(ActivationFunction.Relu6, TensorType.UInt8, 0.01f, 0));
        Assert.Equal((-128, 127), QuantizedMath.ActivationRange(ActivationFunction.Relu, TensorType.Int8, 1f, -200));
    }

    [Fact]
    public void FrExp_matches_definition() =>
        Gen.Double[-1e30, 1e30].Sample(value =>
        {
            var (fraction, exponent) = QuantizedMath.FrExp(value);
            if (value == 0)
            {
                Assert.Equal(0, fraction);
                return;
            }

            Assert.InRange(Math.Abs(fraction), 0.5, 0.9999999999999999);
            Assert.Equal(value, Math.ScaleB(fraction, exponent));
        });
}
