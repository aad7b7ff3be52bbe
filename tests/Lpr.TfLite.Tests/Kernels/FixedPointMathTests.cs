using CsCheck;
using Lpr.TfLite.Kernels;

namespace Lpr.TfLite.Tests.Kernels;

public sealed class FixedPointMathTests
{
    private const double Q31 = 2147483648.0;

    [Fact]
    public void ExpOnNegativeValues_of_zero_is_one()
    {
        Assert.Equal(int.MaxValue, FixedPointMath.ExpOnNegativeValues(0, 5));
    }

    [Fact]
    public void ExpOnNegativeValues_approximates_exp() =>
        Gen.Double[-31.9, 0].Sample(x =>
        {
            var raw = (int)Math.Round(x * (1 << 26)); // Q5.26
            var result = FixedPointMath.ExpOnNegativeValues(raw, 5) / Q31;
            Assert.True(Math.Abs(result - Math.Exp(raw / (double)(1 << 26))) < 2e-6, $"exp({x}) = {result}");
        });

    [Fact]
    public void ExpOnNegativeValues_is_monotonic() =>
        Gen.Select(Gen.Int[-(31 << 26), 0], Gen.Int[0, 1 << 20]).Sample((a, delta) =>
        {
            var b = Math.Max(a - delta, -(31 << 26));
            Assert.True(FixedPointMath.ExpOnNegativeValues(b, 5) <= FixedPointMath.ExpOnNegativeValues(a, 5));
        });

    [Fact]
    public void OneOverOnePlusX_approximates_reciprocal() =>
        Gen.Double[0, 0.999].Sample(x =>
        {
            var raw = (int)(x * Q31);
            var result = FixedPointMath.OneOverOnePlusXForXIn01(raw) / Q31;
            Assert.True(Math.Abs(result - (1 / (1 + (raw / Q31)))) < 1e-8, $"1/(1+{x}) = {result}");
        });

    [Fact]
    public void GetReciprocal_returns_scale_and_bits_over_unit() =>
        Gen.Int[1 << 19, int.MaxValue].Sample(sum =>
        {
            // sum is Q12.19 (12 integer bits): its real value is sum / 2^19.
            var scale = FixedPointMath.GetReciprocal(sum, 12, out var bitsOverUnit);
            var reciprocal = scale / Q31 * Math.Pow(2, -bitsOverUnit);
            var expected = 1 / (sum / (double)(1 << 19));
            Assert.True(Math.Abs(reciprocal - expected) <= expected * 1e-7, $"1/{sum} = {reciprocal}, expected {expected}");
        });

    [Fact]
    public void RoundingHalfSum_rounds_away_from_zero()
    {
        Assert.Equal(2, FixedPointMath.RoundingHalfSum(1, 2));
        Assert.Equal(-2, FixedPointMath.RoundingHalfSum(-1, -2));
        Assert.Equal(int.MaxValue, FixedPointMath.RoundingHalfSum(int.MaxValue, int.MaxValue));
    }
}
