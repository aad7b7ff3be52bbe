using Lpr.Core.Imaging;

namespace Lpr.Vision.Imaging;

/// <summary>
/// A polygon region of interest for one frame size: pixels outside it are blacked out, so locators
/// ignore a neighbouring lane or a parked car while plate boxes stay in frame coordinates. The polygon
/// is rasterised once (even-odd rule, pixel centres) into per-row spans; applying it is then a few
/// memory clears per row.
/// </summary>
public sealed class RegionOfInterestMask
{
    private readonly (int Start, int End)[][] _insideSpans;

    public RegionOfInterestMask(IReadOnlyList<PointF32> polygon, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count < 3)
        {
            throw new ArgumentException($"A region of interest needs at least 3 points, got {polygon.Count}.", nameof(polygon));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _insideSpans = new (int, int)[height][];
        var crossings = new List<float>();
        for (var y = 0; y < height; y++)
        {
            var cy = y + 0.5f;
            crossings.Clear();
            for (var i = 0; i < polygon.Count; i++)
            {
                var a = polygon[i];
                var b = polygon[(i + 1) % polygon.Count];
                if ((a.Y <= cy && b.Y > cy) || (b.Y <= cy && a.Y > cy))
                {
                    crossings.Add(a.X + ((cy - a.Y) / (b.Y - a.Y) * (b.X - a.X)));
                }
            }

            crossings.Sort();
            var spans = new List<(int, int)>();
            for (var i = 0; i + 1 < crossings.Count; i += 2)
            {
                // Pixel x is inside when its centre x + 0.5 lies between the two crossings.
                var start = Math.Clamp((int)MathF.Ceiling(crossings[i] - 0.5f), 0, width);
                var end = Math.Clamp((int)MathF.Ceiling(crossings[i + 1] - 0.5f), 0, width);
                if (end > start)
                {
                    spans.Add((start, end));
                }
            }

            _insideSpans[y] = [.. spans];
        }
    }

    public int Width { get; }

    public int Height { get; }

    public bool Contains(int x, int y) =>
        y >= 0 && y < Height && _insideSpans[y].Any(s => x >= s.Start && x < s.End);

    /// <summary>Blacks out, in place, every pixel outside the polygon.</summary>
    public void Apply(PixelImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"The mask is for {Width}x{Height} frames, got {frame.Width}x{frame.Height}.", nameof(frame));
        }

        var c = frame.Channels;
        var data = frame.Data.AsSpan();
        for (var y = 0; y < Height; y++)
        {
            var row = data.Slice(y * frame.Stride, frame.Stride);
            var x = 0;
            foreach (var (start, end) in _insideSpans[y])
            {
                row[(x * c)..(start * c)].Clear();
                x = end;
            }

            row[(x * c)..].Clear();
        }
    }
}
