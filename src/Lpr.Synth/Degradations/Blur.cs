using OpenCvSharp;

namespace Lpr.Synth.Degradations;

/// <summary>Camera blur: linear motion (vehicle moving during exposure) and Gaussian defocus.</summary>
internal static class Blur
{
    /// <summary>Motion blur along a random direction, kernel length up to 9% of the width at strength 1.</summary>
    public static void Motion(Mat image, Random random, double strength)
    {
        var length = 2 + (int)Math.Round(strength * 0.09 * image.Width);
        if (length < 3)
        {
            return;
        }

        using var kernel = new Mat(length, length, MatType.CV_32FC1, Scalar.All(0));
        var angle = (random.NextDouble() - 0.5) * Math.PI * 0.5; // mostly horizontal motion
        var c = (length - 1) / 2.0;
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            var t = i - c;
            var x = (int)Math.Round(c + (t * Math.Cos(angle)));
            var y = (int)Math.Round(c + (t * Math.Sin(angle)));
            kernel.Set(y, x, 1f);
            count++;
        }

        using var normalized = kernel / Cv2.Sum(kernel).Val0;
        using var k = normalized.ToMat();
        Cv2.Filter2D(image, image, -1, k, borderType: BorderTypes.Reflect101);
    }

    /// <summary>Gaussian defocus, sigma up to 3% of the height at strength 1.</summary>
    public static void Defocus(Mat image, double strength)
    {
        var sigma = 0.3 + (strength * 0.03 * image.Height);
        Cv2.GaussianBlur(image, image, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
    }
}
