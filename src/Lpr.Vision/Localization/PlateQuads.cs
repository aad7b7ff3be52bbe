using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Localization;

/// <summary>Geometry of plate quadrilaterals shared by the locator cues and the rectifier.</summary>
internal static class PlateQuads
{
    /// <summary>Smallest extent (pixels) of a candidate quad each way; below it no crop can be cut.</summary>
    public const int MinSide = 2;

    /// <summary>
    /// Orders four corners as top-left, top-right, bottom-right, bottom-left, clamped to the frame. With a
    /// tilt under 45°, top-left has the smallest x+y, bottom-right the largest, top-right the smallest y-x
    /// and bottom-left the largest.
    /// </summary>
    public static Quad Order(ReadOnlySpan<Point2f> points, int frameWidth, int frameHeight)
    {
        Point2f tl = points[0], tr = points[0], br = points[0], bl = points[0];
        foreach (var p in points)
        {
            if (p.X + p.Y < tl.X + tl.Y)
            {
                tl = p;
            }

            if (p.X + p.Y > br.X + br.Y)
            {
                br = p;
            }

            if (p.Y - p.X < tr.Y - tr.X)
            {
                tr = p;
            }

            if (p.Y - p.X > bl.Y - bl.X)
            {
                bl = p;
            }
        }

        return new Quad(Clamp(tl, frameWidth, frameHeight), Clamp(tr, frameWidth, frameHeight), Clamp(br, frameWidth, frameHeight), Clamp(bl, frameWidth, frameHeight));
    }

    /// <summary>Mean length of the top and bottom edges.</summary>
    public static double Width(Quad q) => (Distance(q.TopLeft, q.TopRight) + Distance(q.BottomLeft, q.BottomRight)) / 2;

    /// <summary>Mean length of the left and right edges.</summary>
    public static double Height(Quad q) => (Distance(q.TopLeft, q.BottomLeft) + Distance(q.TopRight, q.BottomRight)) / 2;

    /// <summary>In-plane tilt of the reading direction (top edge), 0–90°.</summary>
    public static double TiltDegrees(Quad q)
    {
        var tilt = Math.Abs(Math.Atan2(q.TopRight.Y - q.TopLeft.Y, q.TopRight.X - q.TopLeft.X) * 180 / Math.PI);
        return tilt > 90 ? 180 - tilt : tilt;
    }

    /// <summary>
    /// A quad a plate can have: at least <see cref="MinSide"/> pixels each way and convex in reading order
    /// (TL → TR → BR → BL turns the same way at every corner). An untrained head, or a plate cut by the frame edge whose
    /// corners were clamped onto it, can give a collapsed or crossed quad, which has no perspective transform to rectify.
    /// </summary>
    public static bool IsPlausible(Quad q)
    {
        var box = q.Bounds();
        return box.Width >= MinSide && box.Height >= MinSide
            && Turn(q.TopLeft, q.TopRight, q.BottomRight) > 0 && Turn(q.TopRight, q.BottomRight, q.BottomLeft) > 0
            && Turn(q.BottomRight, q.BottomLeft, q.TopLeft) > 0 && Turn(q.BottomLeft, q.TopLeft, q.TopRight) > 0;
    }

    public static double Distance(PointF32 a, PointF32 b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>The z of (b − a) × (c − b): positive for a clockwise turn on screen (y pointing down).</summary>
    private static float Turn(PointF32 a, PointF32 b, PointF32 c) => ((b.X - a.X) * (c.Y - b.Y)) - ((b.Y - a.Y) * (c.X - b.X));

    private static PointF32 Clamp(Point2f p, int frameWidth, int frameHeight) =>
        new(Math.Clamp(p.X, 0, frameWidth), Math.Clamp(p.Y, 0, frameHeight));
}
