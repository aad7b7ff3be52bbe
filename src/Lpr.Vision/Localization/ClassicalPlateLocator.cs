using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// The no-model locator. Three cues propose plates, because each fails where another holds: (1) plate
/// characters make a dense band of strong vertical edges — horizontal Sobel → Otsu → a wide closing fuses a
/// plate's characters into one blob, whose rotated rectangle is filtered by size, tilt and the Korean plate
/// aspects; (2) the board's closed outline (<see cref="PlateOutlineFinder"/>), which gives true perspective
/// corners; (3) a row of same-height glyphs (<see cref="CharacterRowFinder"/>), which survives an outline
/// merged with the bumper. Candidates are scored, thinned by NMS and warped flat into gray crops framed as the
/// recognizer expects. It proposes generously: the recognizer, reading each candidate, is the verifier.
/// Working matrices are reused across frames, so one instance serves one pipeline worker (not thread-safe).
/// </summary>
public sealed class ClassicalPlateLocator : IPlateLocator, IDisposable
{
    // Sobel answers on the plate's outline as well as its characters, so the blob already spans
    // the plate; a slight growth only covers the outline's outer half.
    private const float WidthGrowth = 1.0f;
    private const float HeightGrowth = 1.03f;

    private readonly ClassicalLocatorOptions options;
    private readonly Mat gray = new();
    private readonly Mat sobel = new();
    private readonly Mat edges = new();
    private readonly Mat binary = new();
    private readonly Mat blobs = new();
    private readonly Mat closeKernel;
    private readonly Mat openKernel;
    private readonly PlateOutlineFinder outlines = new();
    private readonly CharacterRowFinder rows = new();

    public ClassicalPlateLocator(ClassicalLocatorOptions? options = null)
    {
        this.options = (options ?? new ClassicalLocatorOptions()).Validate();

        // Wide enough to bridge the gap between characters of the smallest plate, short enough
        // not to join a plate with a bumper edge above or below it.
        var closeWidth = Math.Max(5, this.options.MinPlateWidth / 2) | 1;
        closeKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(closeWidth, 3));
        openKernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
    }

    public string Name => "classical";

    public ClassicalLocatorOptions Options => options;

    public IReadOnlyList<PlateCandidate> Locate(PixelImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var type = frame.Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var view = Mat.FromPixelData(frame.Height, frame.Width, type, frame.Data, frame.Stride);
        var source = view;
        if (frame.Channels == 3)
        {
            Cv2.CvtColor(view, gray, ColorConversionCodes.BGR2GRAY);
            source = gray;
        }

        Cv2.Sobel(source, sobel, MatType.CV_16S, 1, 0, 3);
        Cv2.ConvertScaleAbs(sobel, edges);
        Cv2.Threshold(edges, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        Cv2.MorphologyEx(binary, blobs, MorphTypes.Close, closeKernel);
        Cv2.MorphologyEx(blobs, blobs, MorphTypes.Open, openKernel);
        Cv2.FindContours(blobs, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);

        var maxWidth = options.MaxPlateWidthFraction * frame.Width;
        var found = new List<(Quad Corners, float Score)>();
        foreach (var contour in contours)
        {
            var bounds = Cv2.BoundingRect(contour);
            if (bounds.Width < options.MinPlateWidth * 0.7 || bounds.Height < 4 || bounds.Width > maxWidth * 1.2)
            {
                continue;
            }

            if (Evaluate(contour, frame.Width, frame.Height, maxWidth) is { } candidate)
            {
                found.Add(candidate);
            }
        }

        outlines.Find(source, binary, options, found);
        rows.Find(source, options, found);

        // A blob cut by the frame edge can have its corners clamped into a line: no crop can be cut from that.
        found.RemoveAll(c => !PlateQuads.IsPlausible(c.Corners));
        var kept = NonMaximumSuppression.Apply(found, c => c.Corners.Bounds(), c => c.Score, options.NmsIou, options.MaxCandidates);
        var result = new PlateCandidate[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            result[i] = new PlateCandidate(kept[i].Corners, kept[i].Score, options.LooseCrop ? PlateRectifier.RecognizerCrop(source, kept[i].Corners, options.CropHeight) : PlateRectifier.Rectify(source, kept[i].Corners, options.CropHeight));
        }

        return result;
    }

    public void Dispose()
    {
        gray.Dispose();
        sobel.Dispose();
        edges.Dispose();
        binary.Dispose();
        blobs.Dispose();
        closeKernel.Dispose();
        openKernel.Dispose();
        outlines.Dispose();
        rows.Dispose();
    }

    private (Quad Corners, float Score)? Evaluate(Point[] contour, int frameWidth, int frameHeight, double maxWidth)
    {
        var rect = Cv2.MinAreaRect(contour);
        var points = rect.Points();

        // The long side is the plate's reading direction, whichever way OpenCV reports the angle.
        var a = Length(points[0], points[1]);
        var b = Length(points[1], points[2]);
        var (longSide, shortSide, along) = a >= b ? (a, b, (points[0], points[1])) : (b, a, (points[1], points[2]));
        if (shortSide < 4 || longSide < options.MinPlateWidth / WidthGrowth || longSide > maxWidth / WidthGrowth)
        {
            return null;
        }

        var tilt = Math.Atan2(along.Item2.Y - along.Item1.Y, along.Item2.X - along.Item1.X) * 180 / Math.PI;
        tilt = Math.Abs(tilt) > 90 ? 180 - Math.Abs(tilt) : Math.Abs(tilt);
        if (tilt > options.MaxTiltDegrees)
        {
            return null;
        }

        var width = longSide * WidthGrowth;
        var height = shortSide * HeightGrowth;
        var aspect = width / height;
        if (!options.AdmitsAspect(aspect))
        {
            return null;
        }

        // A plate's blob fills its rotated rectangle; clutter (grilles, foliage) is ragged.
        var fill = Cv2.ContourArea(contour) / Math.Max(1.0, longSide * shortSide);
        var density = EdgeDensity(Cv2.BoundingRect(contour));

        // Closeness (in log ratio) to the nearest Korean plate shape, 1 at a perfect match.
        var shape = Math.Exp(-Math.Abs(Math.Log(aspect / PlateRectifier.NearestStandardAspect(aspect))) * 2);
        var score = (float)Math.Clamp(fill * Math.Sqrt(shape) * Math.Min(1, density * 2.5), 0, 1);
        if (score < options.MinScore)
        {
            return null;
        }

        var grown = new RotatedRect(rect.Center, rect.Size.Width >= rect.Size.Height ? new Size2f(width, height) : new Size2f(height, width), rect.Angle);
        var corners = PlateQuads.Order(grown.Points(), frameWidth, frameHeight);
        return (corners, score);
    }

    // Share of strong-edge pixels in the blob's box: characters are dense with edges, a lone bar is not.
    private double EdgeDensity(Rect bounds)
    {
        using var roi = new Mat(binary, bounds);
        return Cv2.CountNonZero(roi) / (double)Math.Max(1, bounds.Width * bounds.Height);
    }

    private static double Length(Point2f p, Point2f q) => Math.Sqrt(((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y)));
}
