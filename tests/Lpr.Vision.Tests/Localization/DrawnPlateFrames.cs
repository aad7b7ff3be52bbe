using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Tests.Localization;

/// <summary>
/// Frames drawn for locator tests: a textured gray background with a light plate (dark border and
/// dark character-like bars) rotated by a known angle, so the true corners are known exactly.
/// </summary>
internal static class DrawnPlateFrames
{
    public static (PixelImage Frame, Quad Corners) Draw(int seed, float centerX, float centerY, float width, float height, float angleDegrees, int frameWidth = 1280, int frameHeight = 720, bool twoRows = false)
    {
        var random = new Random(seed);
        using var frame = new Mat(frameHeight, frameWidth, MatType.CV_8UC3);

        // Smooth texture: blurred noise (like road, wall and car body), weaker in gradient than plate characters.
        Cv2.Randu(frame, new Scalar(60, 60, 60), new Scalar(140, 140, 140));
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 3);

        // A few random dark lines of clutter that must not be taken for plates.
        for (var i = 0; i < 6; i++)
        {
            var p = new Point(random.Next(frameWidth), random.Next(frameHeight));
            Cv2.Line(frame, p, p + new Point(random.Next(-200, 200), random.Next(-20, 20)), Scalar.All(random.Next(20, 60)), 2);
        }

        using var plate = new Mat((int)height, (int)width, MatType.CV_8UC3, Scalar.All(235));
        Cv2.Rectangle(plate, new Rect(1, 1, (int)width - 2, (int)height - 2), Scalar.All(30), Math.Max(1, (int)(height / 25)));
        if (twoRows)
        {
            Bars(plate, random, 0.3, 0.08, 0.4, 3);
            Bars(plate, random, 0.1, 0.52, 0.4, 5);
        }
        else
        {
            Bars(plate, random, 0.06, 0.18, 0.64, 8);
        }

        var radians = angleDegrees * Math.PI / 180;
        var (cos, sin) = ((float)Math.Cos(radians), (float)Math.Sin(radians));
        PointF32 Map(float u, float v)
        {
            var dx = u - (width / 2);
            var dy = v - (height / 2);
            return new PointF32(centerX + (dx * cos) - (dy * sin), centerY + (dx * sin) + (dy * cos));
        }

        var corners = new Quad(Map(0, 0), Map(width, 0), Map(width, height), Map(0, height));
        Point2f[] from = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        Point2f[] to =
        [
            new(corners.TopLeft.X, corners.TopLeft.Y), new(corners.TopRight.X, corners.TopRight.Y),
            new(corners.BottomRight.X, corners.BottomRight.Y), new(corners.BottomLeft.X, corners.BottomLeft.Y),
        ];
        using var transform = Cv2.GetPerspectiveTransform(from, to);
        using var mask = new Mat(plate.Size(), MatType.CV_8UC1, Scalar.All(255));
        using var warped = new Mat();
        using var warpedMask = new Mat();
        Cv2.WarpPerspective(plate, warped, transform, frame.Size());
        Cv2.WarpPerspective(mask, warpedMask, transform, frame.Size());
        warped.CopyTo(frame, warpedMask);
        return (frame.ToPixelImage(), corners);
    }

    public static double CornerError(Quad expected, Quad actual) => new[]
    {
        Distance(expected.TopLeft, actual.TopLeft), Distance(expected.TopRight, actual.TopRight),
        Distance(expected.BottomRight, actual.BottomRight), Distance(expected.BottomLeft, actual.BottomLeft),
    }.Max();

    private static double Distance(PointF32 a, PointF32 b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    // Character-like vertical dark strokes across a band of the plate (relative coordinates).
    private static void Bars(Mat plate, Random random, double left, double top, double bandHeight, int count)
    {
        var w = plate.Cols;
        var h = plate.Rows;
        var x0 = left * w;
        var pitch = (w - (2 * x0)) / count;
        for (var i = 0; i < count; i++)
        {
            var x = (int)(x0 + (i * pitch) + (pitch * 0.15));
            var strokeWidth = Math.Max(2, (int)(pitch * 0.18));
            var y = (int)(top * h);
            var height = (int)(bandHeight * h);
            Cv2.Rectangle(plate, new Rect(x, y, strokeWidth, height), Scalar.All(20), -1);
            Cv2.Rectangle(plate, new Rect(x + (int)(pitch * 0.45), y, strokeWidth, height), Scalar.All(20), -1);
            Cv2.Rectangle(plate, new Rect(x, y + random.Next(height / 3, height / 2), (int)(pitch * 0.5), strokeWidth), Scalar.All(20), -1);
        }
    }
}
