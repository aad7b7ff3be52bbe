using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// Cuts a plate out of a frame along its quadrilateral and warps it flat (perspective transform),
/// so a tilted or foreshortened plate reaches the recognizer as an upright rectangle. The geometry is managed;
/// the warp is OpenCV's where it loads and <see cref="PerspectiveWarp"/> elsewhere (<see cref="ImagingBackends.Default"/>).
/// The <see cref="Mat"/> overloads serve the OpenCV locators, which only run where OpenCvSharp loads; the
/// <see cref="PixelImage"/> overloads work everywhere.
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
    public static PixelImage RecognizerCrop(PixelImage source, Quad corners, int height) =>
        RecognizerCrop(source, corners, height, ImagingBackends.Default);

    /// <summary>
    /// A gray crop <paramref name="height"/> pixels high whose width follows the nearest standard
    /// plate aspect of the quad; <paramref name="source"/> may be gray or BGR.
    /// </summary>
    public static PixelImage Rectify(PixelImage source, Quad corners, int height) =>
        Rectify(source, corners, height, ImagingBackends.Default);

    /// <summary><see cref="RecognizerCrop(PixelImage, Quad, int)"/> of a frame the OpenCV locators already hold as a matrix.</summary>
    public static PixelImage RecognizerCrop(Mat source, Quad corners, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, width) = RecognizerCropGeometry(corners, height);
        return OpenCvPerspectiveWarp.WarpToGray(source, from, width, height);
    }

    /// <summary><see cref="Rectify(PixelImage, Quad, int)"/> of a frame the OpenCV locators already hold as a matrix.</summary>
    public static PixelImage Rectify(Mat source, Quad corners, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, width) = RectifyGeometry(corners, height);
        return OpenCvPerspectiveWarp.WarpToGray(source, from, width, height);
    }

    /// <summary><see cref="RecognizerCrop(PixelImage, Quad, int)"/> with a chosen warp (OpenCv must load here).</summary>
    public static PixelImage RecognizerCrop(PixelImage source, Quad corners, int height, ImagingBackend backend)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, width) = RecognizerCropGeometry(corners, height);
        return Cut(source, from, width, height, backend);
    }

    /// <summary><see cref="Rectify(PixelImage, Quad, int)"/> with a chosen warp (OpenCv must load here).</summary>
    public static PixelImage Rectify(PixelImage source, Quad corners, int height, ImagingBackend backend)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, width) = RectifyGeometry(corners, height);
        return Cut(source, from, width, height, backend);
    }

    /// <summary>The axis-aligned <paramref name="window"/> of the frame resampled to a gray <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static PixelImage Window(PixelImage source, PixelRect window, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        return Cut(source, Corners(Quad.FromRect(window)), width, height, ImagingBackends.Default);
    }

    /// <summary>The frame points that land on the crop's corners, and the crop's width, for <see cref="RecognizerCrop(PixelImage, Quad, int)"/>.</summary>
    internal static (PointF32[] From, int Width) RecognizerCropGeometry(Quad corners, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        var plateAspect = NearestStandardAspect(Math.Max(1e-3, PlateQuads.Width(corners) / Math.Max(1e-3, PlateQuads.Height(corners))));
        var oneRow = plateAspect > 3;
        var widthShare = oneRow ? 0.8 : 0.83;
        var cropAspect = oneRow ? 2.9 : 0.85 * plateAspect;

        // In plate units (plate = unit square): the crop's half-margins across and along.
        var marginX = ((1 / widthShare) - 1) / 2;
        var marginY = ((plateAspect / widthShare / cropAspect) - 1) / 2;
        var toFrame = PerspectiveTransform.FromPoints([new(0, 0), new(1, 0), new(1, 1), new(0, 1)], Corners(corners));
        PointF32[] expanded =
        [
            toFrame.Map(new PointF32((float)-marginX, (float)-marginY)),
            toFrame.Map(new PointF32((float)(1 + marginX), (float)-marginY)),
            toFrame.Map(new PointF32((float)(1 + marginX), (float)(1 + marginY))),
            toFrame.Map(new PointF32((float)-marginX, (float)(1 + marginY))),
        ];
        return (expanded, Math.Max(4, (int)Math.Round(height * cropAspect)));
    }

    /// <summary>The quad's own corners and the crop's width, for <see cref="Rectify(PixelImage, Quad, int)"/>.</summary>
    internal static (PointF32[] From, int Width) RectifyGeometry(Quad corners, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 4);
        var measured = Math.Max(1e-3, PlateQuads.Width(corners) / Math.Max(1e-3, PlateQuads.Height(corners)));
        return (Corners(corners), Math.Max(4, (int)Math.Round(height * NearestStandardAspect(measured))));
    }

    private static PointF32[] Corners(Quad q) => [q.TopLeft, q.TopRight, q.BottomRight, q.BottomLeft];

    // Beyond the frame's edge the border pixels repeat, as a detector's crop of a plate at the edge would not
    // show black bars the recognizer never saw in training. The warp runs on the colour frame and only the small
    // crop is turned gray, as OpenCV's path does (a whole-frame gray conversion costs more than the warp).
    private static PixelImage Cut(PixelImage source, PointF32[] from, int width, int height, ImagingBackend backend) =>
        backend == ImagingBackend.OpenCv
            ? OpenCvPerspectiveWarp.WarpToGray(source, from, width, height)
            : FrameTransforms.ToGray(PerspectiveWarp.Warp(source, from, width, height));
}
