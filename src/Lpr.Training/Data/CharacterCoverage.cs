namespace Lpr.Training.Data;

/// <summary>Resamples full-resolution character masks to the coarse feature-map grid.</summary>
public static class CharacterCoverage
{
    /// <summary>
    /// Area-averages a union mask (any value &gt; 0 counts as character) of <paramref name="height"/> x
    /// <paramref name="width"/> pixels onto a <paramref name="cellsHigh"/> x <paramref name="cellsWide"/> grid.
    /// </summary>
    public static float[] FromMask(ReadOnlySpan<byte> mask, int height, int width, int cellsHigh, int cellsWide)
    {
        if (mask.Length != height * width)
        {
            throw new ArgumentException($"Mask has {mask.Length} pixels, expected {height}x{width}.", nameof(mask));
        }

        if (height % cellsHigh != 0 || width % cellsWide != 0)
        {
            throw new ArgumentException($"Mask {height}x{width} does not divide into {cellsHigh}x{cellsWide} cells.", nameof(cellsHigh));
        }

        var coverage = new float[cellsHigh * cellsWide];
        int cellH = height / cellsHigh, cellW = width / cellsWide;
        float perPixel = 1f / (cellH * cellW);
        for (var y = 0; y < height; y++)
        {
            var row = mask.Slice(y * width, width);
            var cellRow = y / cellH * cellsWide;
            for (var x = 0; x < width; x++)
            {
                if (row[x] != 0)
                {
                    coverage[cellRow + (x / cellW)] += perPixel;
                }
            }
        }

        return coverage;
    }
}
