using Lpr.Core.Imaging;

namespace Lpr.Vision.Imaging;

/// <summary>
/// A perspective warp in plain managed code for devices where OpenCV's native library does not load: OpenCV's
/// <c>warpPerspective</c> with <c>INTER_LINEAR</c> and <c>BORDER_REPLICATE</c>, including its fixed-point scheme
/// (source positions rounded to 1/32 pixel, integer bilinear weights, rounded), so the crops the recognizer sees
/// are the ones OpenCV cuts (the sample plates agree to within one grey level, nearly all pixels exactly). Plate
/// crops are small (a few thousand pixels), so a scalar loop is fast enough.
/// </summary>
public static class PerspectiveWarp
{
    // OpenCV's INTER_BITS: source positions in 1/32 pixel, so the bilinear weights are exact integers.
    private const int StepBits = 5;
    private const int Steps = 1 << StepBits;
    private const int Half = 1 << ((2 * StepBits) - 1);

    /// <summary>
    /// The quadrilateral <paramref name="from"/> (top-left, top-right, bottom-right, bottom-left, in source pixels)
    /// warped onto a <paramref name="width"/> x <paramref name="height"/> image: its corners land on (0,0), (width,0),
    /// (width,height), (0,height), as with OpenCV's <c>getPerspectiveTransform</c> + <c>warpPerspective</c>. Same
    /// channel count as <paramref name="source"/>.
    /// </summary>
    public static PixelImage Warp(PixelImage source, ReadOnlySpan<PointF32> from, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        // Solved straight from target to source (the map each target pixel needs), not inverted afterwards.
        var toSource = PerspectiveTransform.FromPoints([new(0, 0), new(width, 0), new(width, height), new(0, height)], from);
        return Warp(source, toSource, width, height);
    }

    /// <summary>
    /// Samples <paramref name="source"/> at <paramref name="targetToSource"/>(x, y) for every target pixel (x, y)
    /// (pixel centres at integer coordinates, OpenCV's convention).
    /// </summary>
    public static PixelImage Warp(PixelImage source, PerspectiveTransform targetToSource, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int c = source.Channels, sw = source.Width, sh = source.Height, stride = source.Stride;
        var src = source.Data;
        var target = new byte[checked(width * height * c)];
        var m = targetToSource;
        for (var y = 0; y < height; y++)
        {
            var row = y * width * c;
            for (var x = 0; x < width; x++)
            {
                var w = (m.M20 * x) + (m.M21 * y) + m.M22;
                w = w == 0 ? 0 : Steps / w;

                // Clamped just past the edge (where both taps repeat the border pixel anyway), so a wild map cannot overflow.
                var qx = (int)Math.Round(Math.Clamp(((m.M00 * x) + (m.M01 * y) + m.M02) * w, -Steps, (sw + 1) * Steps));
                var qy = (int)Math.Round(Math.Clamp(((m.M10 * x) + (m.M11 * y) + m.M12) * w, -Steps, (sh + 1) * Steps));
                int x0 = qx >> StepBits, y0 = qy >> StepBits;
                int fx = qx & (Steps - 1), fy = qy & (Steps - 1);
                int w00 = (Steps - fx) * (Steps - fy), w01 = fx * (Steps - fy), w10 = (Steps - fx) * fy, w11 = fx * fy;
                var xa = Math.Clamp(x0, 0, sw - 1) * c;
                var xb = Math.Clamp(x0 + 1, 0, sw - 1) * c;
                var ya = Math.Clamp(y0, 0, sh - 1) * stride;
                var yb = Math.Clamp(y0 + 1, 0, sh - 1) * stride;
                var to = row + (x * c);
                for (var k = 0; k < c; k++)
                {
                    var sum = (src[ya + xa + k] * w00) + (src[ya + xb + k] * w01) + (src[yb + xa + k] * w10) + (src[yb + xb + k] * w11);
                    target[to + k] = (byte)((sum + Half) >> (2 * StepBits));
                }
            }
        }

        return new PixelImage(width, height, c, target);
    }
}
