using System.Runtime.Intrinsics;
using CsCheck;
using Lpr.TfLite.Kernels;

namespace Lpr.TfLite.Tests.Kernels;

/// <summary>
/// The four-lane elementwise path (<see cref="Lanes4"/>): its per-tensor requantization equals the scalar reference
/// lane for lane on any input, any multiplier QuantizeMultiplier makes and any shift within ±31 (here the portable
/// 64-bit form; arm64's SQRDMULH form is checked by tools/Lpr.Arm64Check), and 8-bit values load and store unchanged.
/// </summary>
public sealed class Lanes4Tests
{
    [Fact]
    public void Requantizing_four_lanes_equals_the_scalar_formula() =>
        Gen.Select(RequantizerTests.Accumulator.Array[4], RequantizerTests.Multiplier, Gen.Int[-31, 31]).Sample((x, multiplier, shift) =>
        {
            var lanes = Lanes4.MultiplyByQuantizedMultiplier(Vector128.Create(x), multiplier, shift, advSimd: false);

            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(QuantizedMath.MultiplyByQuantizedMultiplier(x[i], multiplier, shift), lanes[i]);
            }
        });

    [Fact]
    public void Signed_and_unsigned_values_load_extended_and_store_back() =>
        Gen.SByte.Array[4].Sample(values =>
        {
            var unsigned = values.Select(v => unchecked((byte)v)).ToArray();
            var (signedOut, unsignedOut) = (new sbyte[4], new byte[4]);

            var signedLanes = Lanes4.Load<sbyte>(values);
            var unsignedLanes = Lanes4.Load<byte>(unsigned);
            Lanes4.Store<sbyte>(signedLanes, signedOut);
            Lanes4.Store<byte>(unsignedLanes, unsignedOut);

            Assert.Equal(values.Select(v => (int)v), Enumerable.Range(0, 4).Select(i => signedLanes[i]));
            Assert.Equal(unsigned.Select(v => (int)v), Enumerable.Range(0, 4).Select(i => unsignedLanes[i]));
            Assert.Equal(values, signedOut);
            Assert.Equal(unsigned, unsignedOut);
        });
}
