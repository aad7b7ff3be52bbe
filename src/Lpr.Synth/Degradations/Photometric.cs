using OpenCvSharp;

namespace Lpr.Synth.Degradations;

/// <summary>Exposure, gamma and white-balance errors, applied through one lookup table per channel.</summary>
internal static class Photometric
{
    /// <summary>
    /// Builds per-channel lookup tables for gain (exposure), gamma and colour cast and applies them.
    /// Gains are drawn log-uniformly so over- and under-exposure are equally likely.
    /// </summary>
    public static void Apply(Mat image, Random random, double exposure, double gamma, double colorCast)
    {
        var gain = exposure > 0 ? Math.Exp((random.NextDouble() * 2 - 1) * exposure * Math.Log(1.9)) : 1.0;
        var g = gamma > 0 ? Math.Exp((random.NextDouble() * 2 - 1) * gamma * Math.Log(2.2)) : 1.0;
        Span<double> cast = [1, 1, 1];
        if (colorCast > 0)
        {
            for (var c = 0; c < 3; c++)
            {
                cast[c] = 1 + ((random.NextDouble() * 2 - 1) * colorCast * 0.3);
            }
        }

        var table = new byte[256 * 3];
        for (var v = 0; v < 256; v++)
        {
            var baseValue = Math.Pow(v / 255.0, g) * gain;
            for (var c = 0; c < 3; c++)
            {
                table[(v * 3) + c] = (byte)Math.Clamp(Math.Round(baseValue * cast[c] * 255), 0, 255);
            }
        }

        using var lut = Mat.FromPixelData(1, 256, MatType.CV_8UC3, table);
        Cv2.LUT(image, lut, image);
    }
}
