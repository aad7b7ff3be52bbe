using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>The projective map taking four source points to four destination points (direct linear solution).</summary>
public static class Homography
{
    /// <summary>Maps <paramref name="from"/>[i] to <paramref name="to"/>[i] for the 4 corners.</summary>
    /// <exception cref="ArgumentException">Degenerate corners (three on a line).</exception>
    public static SKMatrix FromPoints(ReadOnlySpan<SKPoint> from, ReadOnlySpan<SKPoint> to)
    {
        if (from.Length != 4 || to.Length != 4)
        {
            throw new ArgumentException("A homography needs exactly 4 point pairs.", nameof(from));
        }

        Span<double> a = stackalloc double[8 * 9];
        for (var i = 0; i < 4; i++)
        {
            double x = from[i].X, y = from[i].Y, u = to[i].X, v = to[i].Y;
            var r0 = a.Slice(2 * i * 9, 9);
            var r1 = a.Slice(((2 * i) + 1) * 9, 9);
            r0[0] = x; r0[1] = y; r0[2] = 1; r0[3] = 0; r0[4] = 0; r0[5] = 0; r0[6] = -u * x; r0[7] = -u * y; r0[8] = u;
            r1[0] = 0; r1[1] = 0; r1[2] = 0; r1[3] = x; r1[4] = y; r1[5] = 1; r1[6] = -v * x; r1[7] = -v * y; r1[8] = v;
        }

        // Gauss-Jordan elimination with partial pivoting on the 8×9 augmented matrix.
        for (var col = 0; col < 8; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < 8; row++)
            {
                if (Math.Abs(a[(row * 9) + col]) > Math.Abs(a[(pivot * 9) + col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[(pivot * 9) + col]) < 1e-12)
            {
                throw new ArgumentException("Degenerate corner points: no homography maps them.", nameof(from));
            }

            if (pivot != col)
            {
                for (var k = 0; k < 9; k++)
                {
                    (a[(col * 9) + k], a[(pivot * 9) + k]) = (a[(pivot * 9) + k], a[(col * 9) + k]);
                }
            }

            var p = a[(col * 9) + col];
            for (var k = col; k < 9; k++)
            {
                a[(col * 9) + k] /= p;
            }

            for (var row = 0; row < 8; row++)
            {
                if (row == col)
                {
                    continue;
                }

                var f = a[(row * 9) + col];
                if (f == 0)
                {
                    continue;
                }

                for (var k = col; k < 9; k++)
                {
                    a[(row * 9) + k] -= f * a[(col * 9) + k];
                }
            }
        }

        return new SKMatrix(
            (float)a[8], (float)a[17], (float)a[26],
            (float)a[35], (float)a[44], (float)a[53],
            (float)a[62], (float)a[71], 1f);
    }

    public static SKMatrix FromRectangle(float width, float height, ReadOnlySpan<SKPoint> to) =>
        FromPoints([new SKPoint(0, 0), new SKPoint(width, 0), new SKPoint(width, height), new SKPoint(0, height)], to);
}
