namespace Lpr.Core.Imaging;

/// <summary>
/// A projective map of the plane (3x3, row-major, last element 1), in double precision: the perspective
/// transform that takes a plate's four corners to an upright rectangle. Pure managed, so the perspective
/// crop works where no imaging library with a warp (OpenCV) loads.
/// </summary>
public readonly record struct PerspectiveTransform(double M00, double M01, double M02, double M10, double M11, double M12, double M20, double M21, double M22)
{
    public static PerspectiveTransform Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>
    /// The map taking <paramref name="from"/>[i] to <paramref name="to"/>[i] for four point pairs: the direct linear
    /// solution (the 8x8 system OpenCV's getPerspectiveTransform solves), by Gauss-Jordan elimination with partial
    /// pivoting.
    /// </summary>
    /// <exception cref="ArgumentException">Not four pairs, or degenerate corners (three on a line).</exception>
    public static PerspectiveTransform FromPoints(ReadOnlySpan<PointF32> from, ReadOnlySpan<PointF32> to)
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
                var f = a[(row * 9) + col];
                if (row == col || f == 0)
                {
                    continue;
                }

                for (var k = col; k < 9; k++)
                {
                    a[(row * 9) + k] -= f * a[(col * 9) + k];
                }
            }
        }

        return new PerspectiveTransform(a[8], a[17], a[26], a[35], a[44], a[53], a[62], a[71], 1);
    }

    /// <summary>The map taking the rectangle (0,0)–(width,height) to four corners (top-left, top-right, bottom-right, bottom-left).</summary>
    public static PerspectiveTransform FromRectangle(double width, double height, ReadOnlySpan<PointF32> to) =>
        FromPoints([new(0, 0), new((float)width, 0), new((float)width, (float)height), new(0, (float)height)], to);

    /// <summary>Maps a point; a point on the line at infinity (w = 0) maps to infinity.</summary>
    public (double X, double Y) Map(double x, double y)
    {
        var w = (M20 * x) + (M21 * y) + M22;
        w = w == 0 ? double.PositiveInfinity : 1 / w;
        return ((((M00 * x) + (M01 * y) + M02) * w), (((M10 * x) + (M11 * y) + M12) * w));
    }

    public PointF32 Map(PointF32 point)
    {
        var (x, y) = Map(point.X, point.Y);
        return new PointF32((float)x, (float)y);
    }

    /// <summary>The inverse map (adjugate over determinant, normalised so the last element is 1 where it can be).</summary>
    /// <exception cref="InvalidOperationException">The map is singular.</exception>
    public PerspectiveTransform Invert()
    {
        var c00 = (M11 * M22) - (M12 * M21);
        var c01 = (M02 * M21) - (M01 * M22);
        var c02 = (M01 * M12) - (M02 * M11);
        var c10 = (M12 * M20) - (M10 * M22);
        var c11 = (M00 * M22) - (M02 * M20);
        var c12 = (M02 * M10) - (M00 * M12);
        var c20 = (M10 * M21) - (M11 * M20);
        var c21 = (M01 * M20) - (M00 * M21);
        var c22 = (M00 * M11) - (M01 * M10);
        var det = (M00 * c00) + (M01 * c10) + (M02 * c20);
        if (Math.Abs(det) < 1e-300)
        {
            throw new InvalidOperationException("The homography is singular and has no inverse.");
        }

        // Any non-zero multiple is the same map; dividing by c22 keeps the usual normal form when it is not ~0.
        var s = Math.Abs(c22) > 1e-12 * Math.Max(1, Math.Abs(det)) ? 1 / c22 : 1 / det;
        return new PerspectiveTransform(c00 * s, c01 * s, c02 * s, c10 * s, c11 * s, c12 * s, c20 * s, c21 * s, c22 * s);
    }
}
