using SkiaSharp;

namespace Lpr.Synth.Tests;

/// <summary>Glyph outlines as ink masks, and the measurements the glyph tests take on them.</summary>
internal static class Raster
{
    /// <summary>The outline filled without antialiasing at <paramref name="pixelsPerMm"/>, with a 2-pixel margin, as [row, column].</summary>
    public static bool[,] Draw(SKPath path, float pixelsPerMm)
    {
        var bounds = path.TightBounds;
        var (w, h) = ((int)Math.Ceiling(bounds.Width * pixelsPerMm) + 4, (int)Math.Ceiling(bounds.Height * pixelsPerMm) + 4);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = false, Style = SKPaintStyle.Fill })
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate(2, 2);
            canvas.Scale(pixelsPerMm);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPath(path, paint);
        }

        var ink = new bool[h, w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                ink[y, x] = bitmap.GetPixel(x, y).Red > 127;
            }
        }

        return ink;
    }

    public static bool[,] Transpose(bool[,] ink)
    {
        var (h, w) = (ink.GetLength(0), ink.GetLength(1));
        var transposed = new bool[w, h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                transposed[x, y] = ink[y, x];
            }
        }

        return transposed;
    }

    /// <summary>The lengths (pixels) of the ink runs along one row, left to right.</summary>
    public static List<int> Runs(bool[,] ink, int row)
    {
        var runs = new List<int>();
        var length = 0;
        for (var x = 0; x < ink.GetLength(1); x++)
        {
            if (ink[row, x])
            {
                length++;
            }
            else if (length > 0)
            {
                runs.Add(length);
                length = 0;
            }
        }

        if (length > 0)
        {
            runs.Add(length);
        }

        return runs;
    }

    /// <summary>Background regions not connected to the border (4-connected flood fill), as their pixels.</summary>
    public static List<List<(int X, int Y)>> Holes(bool[,] ink)
    {
        var (h, w) = (ink.GetLength(0), ink.GetLength(1));
        var seen = new bool[h, w];
        var holes = new List<List<(int X, int Y)>>();
        var stack = new Stack<(int X, int Y)>();
        for (var y0 = 0; y0 < h; y0++)
        {
            for (var x0 = 0; x0 < w; x0++)
            {
                if (ink[y0, x0] || seen[y0, x0])
                {
                    continue;
                }

                var region = new List<(int X, int Y)>();
                var border = false;
                stack.Push((x0, y0));
                seen[y0, x0] = true;
                while (stack.TryPop(out var p))
                {
                    region.Add(p);
                    border |= p.X == 0 || p.Y == 0 || p.X == w - 1 || p.Y == h - 1;
                    foreach (var (nx, ny) in new[] { (p.X + 1, p.Y), (p.X - 1, p.Y), (p.X, p.Y + 1), (p.X, p.Y - 1) })
                    {
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && !ink[ny, nx] && !seen[ny, nx])
                        {
                            seen[ny, nx] = true;
                            stack.Push((nx, ny));
                        }
                    }
                }

                if (!border)
                {
                    holes.Add(region);
                }
            }
        }

        return holes;
    }
}
