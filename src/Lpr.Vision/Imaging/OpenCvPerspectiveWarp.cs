using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Imaging;

/// <summary>
/// The plate warp through OpenCV's <c>warpPerspective</c> (bilinear, border pixels repeated), then gray. Only reached
/// where OpenCvSharp loads: from the OpenCV locators, which hold <see cref="Mat"/>s anyway, or after
/// <see cref="ImagingBackends.Default"/> chose OpenCV.
/// </summary>
internal static class OpenCvPerspectiveWarp
{
    public static PixelImage WarpToGray(PixelImage source, ReadOnlySpan<PointF32> from, int width, int height)
    {
        var type = source.Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var view = Mat.FromPixelData(source.Height, source.Width, type, source.Data, source.Stride);
        return WarpToGray(view, from, width, height);
    }

    public static PixelImage WarpToGray(Mat source, ReadOnlySpan<PointF32> from, int width, int height)
    {
        Point2f[] corners = [new(from[0].X, from[0].Y), new(from[1].X, from[1].Y), new(from[2].X, from[2].Y), new(from[3].X, from[3].Y)];
        Point2f[] to = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(corners, to);
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
}
