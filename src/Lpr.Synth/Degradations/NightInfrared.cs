using OpenCvSharp;

namespace Lpr.Synth.Degradations;

/// <summary>
/// The night infrared look (27% of real crops): no colour, low contrast, a retro-reflective plate
/// that glows brighter than its surroundings, and blooming of the brightest areas into their neighbours.
/// </summary>
internal static class NightInfrared
{
    public static void Apply(Mat image, Mat plateMask, Random random, double strength)
    {
        using var gray = new Mat();
        Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY);

        // Compress contrast towards a random floor; the plate (reflective) is lifted.
        var floor = 20 + (random.NextDouble() * 60 * strength);
        var range = 255 - floor - (random.NextDouble() * 70 * strength);
        gray.ConvertTo(gray, MatType.CV_8UC1, range / 255.0, floor);
        if (plateMask is not null && !plateMask.Empty())
        {
            using var lifted = new Mat();
            gray.ConvertTo(lifted, MatType.CV_8UC1, 1.0 + (strength * 0.35), 10 * strength);
            lifted.CopyTo(gray, plateMask);
        }

        // Bloom: bright areas bleed.
        using var bright = new Mat();
        Cv2.Threshold(gray, bright, 200, 255, ThresholdTypes.Tozero);
        var sigma = 1 + (strength * 0.04 * image.Height);
        Cv2.GaussianBlur(bright, bright, new Size(0, 0), sigma);
        Cv2.AddWeighted(gray, 1.0, bright, 0.35 * strength, 0, gray);
        Cv2.CvtColor(gray, image, ColorConversionCodes.GRAY2BGR);
    }
}
