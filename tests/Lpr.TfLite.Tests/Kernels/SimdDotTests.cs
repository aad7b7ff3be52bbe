using CsCheck;
using Lpr.TfLite.Kernels;

namespace Lpr.TfLite.Tests.Kernels;

/// <summary>
/// Every dot-product path (this CPU's best: AVX2 on x64, AdvSimd on arm64; the portable Vector128 one) equals the
/// scalar sum bit for bit on the operand range the kernels feed it (8-bit values offset by a zero point).
/// </summary>
public sealed class SimdDotTests
{
    private static readonly Gen<(short[] Column, short[] Rows)> Operands =
        Gen.Int[1, 24].SelectMany(blocks =>
        {
            var length = blocks * SimdDot.Block;
            return Gen.Select(Gen.Short[-255, 255].Array[length], Gen.Short[-255, 255].Array[4 * length]);
        });

    private static int Scalar(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        var sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [Fact]
    public void Dot4_on_every_path_equals_the_scalar_sums() =>
        Operands.Sample(operands =>
        {
            var (column, rows) = operands;
            var length = column.Length;
            var best = new int[4];
            var portable = new int[4];
            SimdDot.Dot4(column, rows, best);
            SimdDot.Dot4(column, rows, portable, portable: true);
            for (var r = 0; r < 4; r++)
            {
                var expected = Scalar(column, rows.AsSpan(r * length, length));
                Assert.Equal(expected, best[r]);
                Assert.Equal(expected, portable[r]);
                Assert.Equal(expected, SimdDot.Dot(column, rows.AsSpan(r * length, length), portable: true));
            }
        });

    [Fact]
    public void The_extremes_do_not_overflow()
    {
        var length = 64 * SimdDot.Block;
        var column = Enumerable.Repeat((short)-255, length).ToArray();
        var rows = Enumerable.Repeat((short)-255, 4 * length).ToArray();
        var results = new int[4];

        SimdDot.Dot4(column, rows, results, portable: true);

        Assert.All(results, r => Assert.Equal(255 * 255 * length, r));
    }
}
