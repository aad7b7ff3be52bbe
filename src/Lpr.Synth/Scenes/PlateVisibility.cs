using Lpr.Core.Imaging;
using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// How much of a plate stays in sight once the vehicles drawn after it are on the frame, measured on the pixels those
/// vehicles really cover (their drawn shapes, not their bounding boxes, which take in the air beside a cabin and
/// would count a plate in plain view as hidden). Feed it back to front: <see cref="VisibleFraction"/> for a plate,
/// then <see cref="Cover"/> with the vehicle it sits on, then the next farther plate.
/// </summary>
internal sealed class PlateVisibility : IDisposable
{
    private readonly SKSurface coverage;
    private readonly int width;
    private readonly int height;

    public PlateVisibility(int width, int height)
    {
        this.width = width;
        this.height = height;
        coverage = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {width}x{height} coverage surface.");
        coverage.Canvas.Clear(SKColors.Transparent);
    }

    /// <summary>
    /// Adds what <paramref name="vehicle"/>, drawn through <paramref name="matrix"/>, covers within
    /// <paramref name="within"/> (the whole map when null): only the pixels of plates still to be measured matter, and
    /// clipping the draw to them keeps a full-frame map cheap.
    /// </summary>
    public void Cover(SKPicture vehicle, SKMatrix matrix, SKRect? within = null)
    {
        var canvas = coverage.Canvas;
        canvas.Save();
        if (within is { } clip)
        {
            canvas.ClipRect(clip);
        }

        canvas.SetMatrix(matrix);
        canvas.DrawPicture(vehicle);
        canvas.Restore();
    }

    /// <summary>
    /// The share of the plate's pixels (centres inside <paramref name="plate"/>, within the frame) that nothing covered
    /// so far hides; a pixel counts as hidden under at least half-opaque paint (a ground shadow darkens, it does not hide).
    /// A plate wholly outside the frame has no visible pixel (0).
    /// </summary>
    public double VisibleFraction(Quad plate)
    {
        var bounds = plate.Bounds();
        var x0 = Math.Max(0, bounds.X);
        var y0 = Math.Max(0, bounds.Y);
        var x1 = Math.Min(width, bounds.Right + 1);
        var y1 = Math.Min(height, bounds.Bottom + 1);
        using var pixmap = coverage.PeekPixels();
        var pixels = pixmap.GetPixelSpan();
        var rowBytes = pixmap.RowBytes;
        int inside = 0, visible = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (Contains(plate, x + 0.5f, y + 0.5f))
                {
                    inside++;
                    if (pixels[(y * rowBytes) + x] < 128)
                    {
                        visible++;
                    }
                }
            }
        }

        return inside == 0 ? 0 : visible / (double)inside;
    }

    public void Dispose() => coverage.Dispose();

    /// <summary>Whether a point lies inside a convex quadrilateral of either winding.</summary>
    private static bool Contains(Quad q, float x, float y)
    {
        var a = Side(q.TopLeft, q.TopRight, x, y);
        var b = Side(q.TopRight, q.BottomRight, x, y);
        var c = Side(q.BottomRight, q.BottomLeft, x, y);
        var d = Side(q.BottomLeft, q.TopLeft, x, y);
        return (a >= 0 && b >= 0 && c >= 0 && d >= 0) || (a <= 0 && b <= 0 && c <= 0 && d <= 0);
    }

    private static float Side(PointF32 p, PointF32 q, float x, float y) => ((q.X - p.X) * (y - p.Y)) - ((q.Y - p.Y) * (x - p.X));
}
