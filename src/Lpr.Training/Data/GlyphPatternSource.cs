namespace Lpr.Training.Data;

/// <summary>
/// A dependency-free stand-in for the plate renderer: each class is a fixed random 12x10 binary
/// glyph, a label of 7 classes is drawn left to right with a random offset, contrast and noise.
/// Learnable in a few hundred steps, so smoke tests can check that training really trains.
/// </summary>
public sealed class GlyphPatternSource : ITrainingSampleSource
{
    private const int GlyphHeight = 12;
    private const int GlyphWidth = 10;
    private const int LabelLength = 7;
    private readonly bool[][] glyphs;
    private readonly int classes;
    private readonly int seed;
    private readonly int featureStride;

    /// <param name="classes">Number of token classes (without blank).</param>
    /// <param name="seed">Selects the stream of samples; the glyph shapes are the same for every seed.</param>
    /// <param name="featureStride">Ratio of image to feature-map size, for the coverage targets.</param>
    public GlyphPatternSource(int classes, int seed, int featureStride = 8, int height = 64, int width = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, (LabelLength * (GlyphWidth + 2)) + 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, GlyphHeight + 8);
        this.classes = classes;
        this.seed = seed;
        this.featureStride = featureStride;
        ImageHeight = height;
        ImageWidth = width;
        var shapes = new Random(12345);
        glyphs = [.. Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, GlyphHeight * GlyphWidth).Select(_ => shapes.Next(2) == 1).ToArray())];
    }

    public int ImageHeight { get; }

    public int ImageWidth { get; }

    public string Description => $"glyph patterns ({classes} classes, seed {seed})";

    public TrainingSample Create(long index)
    {
#pragma warning disable CA5394 // Deterministic pseudo-random data, not security.
        var random = new Random(HashCode.Combine(seed, index));
        var pixels = new float[ImageHeight * ImageWidth];
        var mask = new byte[ImageHeight * ImageWidth];
        var background = 0.15f + (0.3f * random.NextSingle());
        var ink = background + 0.4f + (0.3f * random.NextSingle());
        Array.Fill(pixels, background);
        var tokens = new int[LabelLength];
        var top = random.Next(2, ImageHeight - GlyphHeight - 2);
        var left = random.Next(2, ImageWidth - (LabelLength * (GlyphWidth + 2)) - 2);
        for (var i = 0; i < LabelLength; i++)
        {
            tokens[i] = random.Next(classes);
            var glyph = glyphs[tokens[i]];
            var x0 = left + (i * (GlyphWidth + 2));
            for (var y = 0; y < GlyphHeight; y++)
            {
                for (var x = 0; x < GlyphWidth; x++)
                {
                    var at = ((top + y) * ImageWidth) + x0 + x;
                    mask[at] = 1;
                    if (glyph[(y * GlyphWidth) + x])
                    {
                        pixels[at] = ink;
                    }
                }
            }
        }

        for (var p = 0; p < pixels.Length; p++)
        {
            pixels[p] = Math.Clamp(pixels[p] + (0.05f * (random.NextSingle() - 0.5f)), 0f, 1f);
        }
#pragma warning restore CA5394

        var coverage = CharacterCoverage.FromMask(mask, ImageHeight, ImageWidth, ImageHeight / featureStride, ImageWidth / featureStride);
        return new TrainingSample(pixels, tokens, coverage, string.Join(' ', tokens));
    }
}
