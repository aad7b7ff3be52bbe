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
    /// The crop a recognizer trained on detector crops expects: the plate warped flat with the margin plate
    /// detectors leave around it (measured on real recognizer inputs: a one-row plate spans about 80 % of a
    /// crop of aspect 2.9, a two-row plate about 83 % of a crop of 0.85 times its own aspect), so bumper and
    /// frame show around it as in training. Gray, <paramref name="height"/> pixels high.
    /// </summary>
    public static PixelImage RecognizerCrop(Mat source, Quad corners, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        var plateAspect = NearestStandardAspect(Math.Max(1e-3, PlateQuads.Width(corners) / Math.Max(1e-3, PlateQuads.Height(corners))));
        var oneRow = plateAspect > 3;
        var widthShare = oneRow ? 0.8 : 0.83;
        var cropAspect = oneRow ? 2.9 : 0.85 * plateAspect;

        // In plate units (plate = unit square): the crop's half-margins across and along.
        var marginX = ((1 / widthShare) - 1) / 2;
        var marginY = ((plateAspect / widthShare / cropAspect) - 1) / 2;
        Point2f[] unit = [new(0, 0), new(1, 0), new(1, 1), new(0, 1)];
        using var toFrame = Cv2.GetPerspectiveTransform(unit, Corners(corners));
        var expanded = Cv2.PerspectiveTransform(
            [
                new Point2f((float)-marginX, (float)-marginY),
                new Point2f((float)(1 + marginX), (float)-marginY),
                new Point2f((float)(1 + marginX), (float)(1 + marginY)),
                new Point2f((float)-marginX, (float)(1 + marginY)),
            ],
            toFrame);
        var width = Math.Max(4, (int)Math.Round(height * cropAspect));
        return Warp(source, expanded, width, height);
    }

    /// <summary>
    /// A gray crop <paramref name="height"/> pixels high whose width follows the nearest standard
    /// plate aspect of the quad; <paramref name="source"/> may be gray or BGR.
    /// </summary>
    public static PixelImage Rectify(Mat source, Quad corners, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        var measured = Math.Max(1e-3, PlateQuads.Width(corners) / Math.Max(1e-3, PlateQuads.Height(corners)));
        var width = Math.Max(4, (int)Math.Round(height * NearestStandardAspect(measured)));
        return Warp(source, Corners(corners), width, height);
    }

    private static Point2f[] Corners(Quad q) =>
    [
        new(q.TopLeft.X, q.TopLeft.Y),
        new(q.TopRight.X, q.TopRight.Y),
        new(q.BottomRight.X, q.BottomRight.Y),
        new(q.BottomLeft.X, q.BottomLeft.Y),
    ];

    // Beyond the frame's edge the border pixels repeat, as a detector's crop of a plate at the edge would not
    // show black bars the recognizer never saw in training.
    private static PixelImage Warp(Mat source, Point2f[] from, int width, int height)
    {
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
}
