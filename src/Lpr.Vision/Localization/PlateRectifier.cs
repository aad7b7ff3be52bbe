using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// Cuts a plate out of a frame along its quadrilateral and warps it flat (perspective transform),
/// so a tilted or foreshortened plate reaches the recognizer as an upright rectangle.
/// </summary>
public static class PlateRectifier
{
    /// <summary>Korean plate shapes (width/height): 520x110 one-row, 335x155 and 335x170 two-row.</summary>
    public static IReadOnlyList<double> StandardAspects { get; } = [520.0 / 110, 335.0 / 155, 335.0 / 170];

    /// <summary>The standard aspect closest (in log ratio) to a measured one.</summary>
    public static double NearestStandardAspect(double measured)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(measured);
        return StandardAspects.MinBy(a => Math.Abs(Math.Log(a / measured)));
    }

    /// <summary>
    /// A gray crop <paramref name="height"/> pixels high whose width follows the nearest standard
    /// plate aspect of the quad; <paramref name="source"/> may be gray or BGR.
    /// </summary>
    public static PixelImage Rectify(Mat source, Quad corners, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        var measured = Math.Max(1e-3, Width(corners) / Math.Max(1e-3, Height(corners)));
        var width = Math.Max(4, (int)Math.Round(height * NearestStandardAspect(measured)));
        Point2f[] from =
        [
            new(corners.TopLeft.X, corners.TopLeft.Y),
            new(corners.TopRight.X, corners.TopRight.Y),
            new(corners.BottomRight.X, corners.BottomRight.Y),
            new(corners.BottomLeft.X, corners.BottomLeft.Y),
        ];
        Point2f[] to = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(from, to);
        using var warped = new Mat();
        Cv2.WarpPerspective(source, warped, transform, new Size(width, height), InterpolationFlags.Linear, BorderTypes.Replicate);
        if (warped.Channels() == 1)
        {
            return warped.ToPixelImage();
        }

        using var gray = new Mat();
        Cv2.CvtColor(warped, gray, ColorConversionCodes.BGR2GRAY);
        return gray.ToPixelImage();
    }

    private static double Width(Quad q) => (Distance(q.TopLeft, q.TopRight) + Distance(q.BottomLeft, q.BottomRight)) / 2;

    private static double Height(Quad q) => (Distance(q.TopLeft, q.BottomLeft) + Distance(q.TopRight, q.BottomRight)) / 2;

    private static double Distance(PointF32 a, PointF32 b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
