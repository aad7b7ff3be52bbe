using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>
/// The second cue of <see cref="ClassicalPlateLocator"/>: a plate is a bright or coloured board with a
/// clear outline, so its edge map holds a closed four-cornered contour. Canny edges → a 3x3 dilation
/// closes small gaps → every contour whose polygon simplifies to a convex quadrilateral (or, for rounded
/// corners, fills its rotated rectangle) becomes a candidate with its true perspective corners, which the
/// edge-blob cue cannot give. Candidates without character texture inside (windows, lamps, signs) score low.
/// Working matrices are reused across frames: one instance per locator.
/// </summary>
internal sealed class PlateOutlineFinder : IDisposable
{
    // Canny thresholds low enough for a gray plate on a gray bumper at night, high enough to skip sensor noise.
    private const double CannyLow = 40;
    private const double CannyHigh = 120;

    // A plate's rounded corners make the contour a rounded rectangle; its area still fills most of the rotated rectangle.
    private const double MinRectangleFill = 0.82;

    private readonly Mat edges = new();
    private readonly Mat dilated = new();
    private readonly Mat kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));

    /// <summary>Adds the outline candidates of <paramref name="gray"/> to <paramref name="found"/>, scored against <paramref name="texture"/> (a binary map of strong vertical edges).</summary>
    public void Find(Mat gray, Mat texture, ClassicalLocatorOptions options, List<(Quad Corners, float Score)> found)
    {
        Cv2.Canny(gray, edges, CannyLow, CannyHigh);
        Cv2.Dilate(edges, dilated, kernel);
        Cv2.FindContours(dilated, out var contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);
        var maxWidth = options.MaxPlateWidthFraction * gray.Width;
        foreach (var contour in contours)
        {
            var bounds = Cv2.BoundingRect(contour);
            if (bounds.Width < options.MinPlateWidth || bounds.Width > maxWidth || bounds.Height < 8)
            {
                continue;
            }

            if (Outline(contour) is not { } corners)
            {
                continue;
            }

            var quad = PlateQuads.Order(corners, gray.Width, gray.Height);
            var width = PlateQuads.Width(quad);
            var height = PlateQuads.Height(quad);
            if (height < 8 || width < options.MinPlateWidth)
            {
                continue;
            }

            var aspect = width / height;
            if (!options.AdmitsAspect(aspect) || PlateQuads.TiltDegrees(quad) > options.MaxTiltDegrees)
            {
                continue;
            }

            var score = Score(quad, aspect, texture);
            if (score >= options.MinScore)
            {
                found.Add((quad, score));
            }
        }
    }

    public void Dispose()
    {
        edges.Dispose();
        dilated.Dispose();
        kernel.Dispose();
    }

    // The hull, not the contour itself: where characters touch the plate's inner border the contour runs
    // around them, but its convex hull is still the board's outline.
    private static Point2f[]? Outline(Point[] contour)
    {
        var hull = Cv2.ConvexHull(contour);
        var perimeter = Cv2.ArcLength(hull, closed: true);
        var polygon = Cv2.ApproxPolyDP(hull, 0.04 * perimeter, closed: true);
        if (polygon.Length == 4)
        {
            return [.. polygon.Select(p => new Point2f(p.X, p.Y))];
        }

        var rect = Cv2.MinAreaRect(hull);
        var area = rect.Size.Width * rect.Size.Height;
        return area > 0 && Cv2.ContourArea(hull) / area >= MinRectangleFill ? rect.Points() : null;
    }

    // Shape closeness to a standard plate times the character texture inside (the middle band, away from the
    // outline itself, whose edges every rectangle has).
    private static float Score(Quad quad, double aspect, Mat texture)
    {
        var box = quad.Bounds();
        var inner = new Rect(
            box.X + (box.Width / 8),
            box.Y + (box.Height / 5),
            Math.Max(1, box.Width * 3 / 4),
            Math.Max(1, box.Height * 3 / 5));
        inner = inner.Intersect(new Rect(0, 0, texture.Width, texture.Height));
        if (inner.Width <= 0 || inner.Height <= 0)
        {
            return 0;
        }

        using var roi = new Mat(texture, inner);
        var density = Cv2.CountNonZero(roi) / (double)(inner.Width * inner.Height);

        // Characters cover about a fifth to a half of a plate's middle band with vertical edges; an empty board
        // has none and a grille or foliage is edges everywhere.
        var textureScore = density < 0.08 ? density / 0.08 * 0.5 : density > 0.7 ? 0.5 : 1.0;
        var shape = Math.Exp(-Math.Abs(Math.Log(aspect / PlateRectifier.NearestStandardAspect(aspect))) * 2);
        return (float)Math.Clamp(Math.Sqrt(shape) * textureScore, 0, 1);
    }
}
