using CsCheck;
using Lpr.Core.Plates;
using Lpr.Synth.Options;

namespace Lpr.Synth.Tests;

public sealed class PlateSampleGeneratorTests
{
    private static readonly PlateType[] AllTypes = Enum.GetValues<PlateType>();

    [Fact]
    public void SameSeedGivesSameBytesWhateverTheThreadCount()
    {
        using var a = new PlateSampleGenerator(new SynthOptions(), 42, SharedFonts.Library);
        using var b = new PlateSampleGenerator(new SynthOptions(), 42, SharedFonts.Library);
        var sequential = a.GenerateBatch(100, 24, maxDegreeOfParallelism: 1);
        var parallel = b.GenerateBatch(100, 24, maxDegreeOfParallelism: 4);
        var reversed = Enumerable.Range(0, 24).Reverse().Select(i => b.Generate(100 + i)).Reverse().ToArray();
        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(sequential[i].Text, parallel[i].Text);
            Assert.Equal(sequential[i].Image.Data, parallel[i].Image.Data);
            Assert.Equal(sequential[i].CharacterMask, parallel[i].CharacterMask);
            Assert.Equal(sequential[i].Image.Data, reversed[i].Image.Data);
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSamples()
    {
        using var a = new PlateSampleGenerator(new SynthOptions(), 1, SharedFonts.Library);
        using var b = new PlateSampleGenerator(new SynthOptions(), 2, SharedFonts.Library);
        var differing = Enumerable.Range(0, 10).Count(i => a.Generate(i).Text != b.Generate(i).Text);
        Assert.True(differing >= 8, $"only {differing} of 10 labels differ between seeds");
    }

    [Fact]
    public void SamplesCarryConsistentGroundTruth()
    {
        using var generator = new PlateSampleGenerator(new SynthOptions(), 7, SharedFonts.Library);
        foreach (var sample in generator.GenerateBatch(0, 200))
        {
            Assert.Equal(128, sample.Image.Width);
            Assert.Equal(64, sample.Image.Height);
            Assert.Equal(1, sample.Image.Channels);
            Assert.True(PlateGrammar.IsValid(sample.Text), sample.Text);
            Assert.Equal(sample.Text, string.Concat(sample.Tokens));
            Assert.Equal(sample.Tokens.Count, sample.CharacterBoxes.Count);
            Assert.Equal(sample.Tokens.Count, sample.CharacterCorners.Count);
            Assert.Equal(sample.Tokens.Count, sample.CharacterRows.Count);
            Assert.Equal(128 * 64, sample.CharacterMask.Length);
            Assert.All(sample.CharacterMask, v => Assert.InRange(v, 0, sample.Tokens.Count));

            // The image is not blank: a plate has contrast.
            Assert.True(sample.Image.Data.Max() - sample.Image.Data.Min() > 30, sample.Text);
        }
    }

    [Fact]
    public void ATopRowCutLeavesTheTopRowLegible()
    {
        var options = new SynthOptions();
        options.Crop.TopRowCutProbability = 1;
        options.Degradations.Rotation.Probability = 0;
        options.Degradations.Perspective.Probability = 0;
        options.Text.TypeWeights = new() { [PlateType.YellowTwoRow] = 1, [PlateType.GreenRegional] = 1, [PlateType.GreenNational] = 1 };
        using var generator = new PlateSampleGenerator(options, 11, SharedFonts.Library);
        foreach (var sample in generator.GenerateBatch(0, 150))
        {
            // The plate's top edge lies above the crop: the cut happened.
            Assert.True(sample.PlateCorners.TopLeft.Y < 0, $"{sample.Text}: plate top {sample.PlateCorners.TopLeft.Y} inside the crop");
            for (var k = 0; k < sample.Tokens.Count; k++)
            {
                if (sample.CharacterRows[k] != 0)
                {
                    continue;
                }

                var ink = sample.CharacterCorners[k];
                var fullHeight = ink.BottomLeft.Y - ink.TopLeft.Y;
                Assert.True(
                    sample.CharacterBoxes[k].Height >= (0.7 * fullHeight) - 1,
                    $"{sample.Text}: top-row token '{sample.Tokens[k]}' shows {sample.CharacterBoxes[k].Height} of {fullHeight:F1} px");
            }
        }
    }

    [Theory]
    [InlineData(0.6, 0.3, 1.7, 2.9)]
    [InlineData(0.5, 0.2, 1.15, 2.2)]
    public void LooseCropsFrameThePlateWithinTheConfiguredShares(double minWidthShare, double minHeightShare, double minAspect, double medianAspect)
    {
        var options = new SynthOptions();
        (options.Crop.MinPlateWidthShare, options.Crop.MinPlateHeightShare) = (minWidthShare, minHeightShare);
        (options.Crop.MinAspect, options.Crop.MedianAspect) = (minAspect, medianAspect);
        (options.Crop.TightProbability, options.Crop.CutProbability, options.Crop.TopRowCutProbability) = (0, 0, 0);
        options.Degradations.Rotation.Probability = 0;
        options.Degradations.Perspective.Probability = 0;
        options.Text.TypeWeights = new() { [PlateType.WhiteOneRow7] = 1 };
        using var generator = new PlateSampleGenerator(options, 12, SharedFonts.Library);
        var heightShares = new List<double>();
        foreach (var sample in generator.GenerateBatch(0, 300))
        {
            var c = sample.PlateCorners;
            var widthShare = (c.TopRight.X - c.TopLeft.X) / options.Width;
            var heightShare = (c.BottomLeft.Y - c.TopLeft.Y) / options.Height;
            Assert.InRange(heightShare, minHeightShare - 1e-3, 0.921);
            Assert.InRange(widthShare, 0.2, 0.951);
            heightShares.Add(heightShare);
        }

        // The lower bound is reached, not only allowed.
        Assert.InRange(heightShares.Min(), minHeightShare - 1e-3, minHeightShare + 0.02);
    }

    [Fact]
    public void MasksFollowReadingOrderTopRowFirstThenLeftToRight()
    {
        var options = new SynthOptions();
        options.Degradations.Rotation.Strength = 0.5; // ±6°: a rotated row still reads left to right
        using var generator = new PlateSampleGenerator(options, 3, SharedFonts.Library);
        var checkedPlates = 0;
        foreach (var sample in generator.GenerateBatch(0, 300))
        {
            var centroids = Centroids(sample);
            var visible = Enumerable.Range(0, sample.Tokens.Count).Where(k => centroids[k].Pixels >= 4).ToList();
            for (var a = 0; a < visible.Count; a++)
            {
                for (var b = a + 1; b < visible.Count; b++)
                {
                    var (ka, kb) = (visible[a], visible[b]);
                    if (sample.CharacterRows[ka] == sample.CharacterRows[kb])
                    {
                        Assert.True(centroids[ka].X < centroids[kb].X, $"{sample.Text}: token {ka} '{sample.Tokens[ka]}' is not left of token {kb} '{sample.Tokens[kb]}'");
                    }
                    else
                    {
                        Assert.True(sample.CharacterRows[ka] < sample.CharacterRows[kb]);
                        Assert.True(centroids[ka].Y < centroids[kb].Y, $"{sample.Text}: top-row token {ka} is not above bottom-row token {kb}");
                    }
                }

                // The mask sits on its character's box (the box the glyph was fitted into).
                var box = sample.CharacterCorners[visible[a]].Bounds();
                Assert.InRange(centroids[visible[a]].X, box.X - 1, box.Right + 1);
                Assert.InRange(centroids[visible[a]].Y, box.Y - 1, box.Bottom + 1);
            }

            checkedPlates += visible.Count >= 5 ? 1 : 0;
        }

        Assert.True(checkedPlates > 250, $"only {checkedPlates} plates had most characters visible");
    }

    [Fact]
    public void MaskPixelsAreInkDarkOrLightAgainstTheGround()
    {
        // Without degradations, a character's mask covers ink: its mean differs clearly from the plate ground around it.
        var options = new SynthOptions();
        foreach (var (_, d) in options.Degradations.All())
        {
            d!.Probability = 0;
        }

        options.Text.TypeWeights = new() { [PlateType.WhiteOneRow7] = 1 };
        using var generator = new PlateSampleGenerator(options, 9, SharedFonts.Library);
        foreach (var sample in generator.GenerateBatch(0, 20))
        {
            var data = sample.Image.Data;
            var ink = Enumerable.Range(0, data.Length).Where(i => sample.CharacterMask[i] != 0).Average(i => data[i]);
            var plate = sample.PlateCorners.Bounds();
            var groundPixels = Enumerable.Range(0, data.Length)
                .Where(i => sample.CharacterMask[i] == 0 && i % 128 >= Math.Max(0, plate.X + 4) && i % 128 < Math.Min(128, plate.Right - 4) && i / 128 >= Math.Max(0, plate.Y + 3) && i / 128 < Math.Min(64, plate.Bottom - 3))
                .Select(i => (double)data[i]).ToList();
            Assert.True(groundPixels.Average() - ink > 40, $"{sample.Text}: ink {ink:F0} vs ground {groundPixels.Average():F0}");
        }
    }

    [Fact]
    public void ThousandsOfRandomConfigsRenderWithoutExceptions()
    {
        var degradation = Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], (p, s) => new DegradationOptions(p, s));
        var weights = Gen.Double[0, 1].Array[AllTypes.Length].Where(w => w.Sum() > 0.01);
        var config =
            from size in Gen.Select(Gen.Int[8, 72], Gen.Int[8, 40])
            from gray in Gen.Bool
            from w in weights
            from d in degradation.Array[15]
            from crop in Gen.Select(Gen.Double[0.6, 5], Gen.Double[0, 3], Gen.Double[0, 1], Gen.Double[0, 1])
            from seed in Gen.Long
            select (size, gray, w, d, crop, seed);
        var rendered = 0;
        config.Sample(
            c =>
            {
                var options = new SynthOptions { Width = c.size.Item1, Height = c.size.Item2, Grayscale = c.gray };
                options.Text.TypeWeights = AllTypes.Select((t, i) => (t, c.w[i])).ToDictionary(x => x.t, x => x.Item2);
                var all = options.Degradations.All().Select(x => x.Name).ToArray();
                options.Degradations = new DegradationSet
                {
                    Perspective = c.d[0], Rotation = c.d[1], MotionBlur = c.d[2], DefocusBlur = c.d[3], Noise = c.d[4],
                    Jpeg = c.d[5], Exposure = c.d[6], Gamma = c.d[7], Shadow = c.d[8], Glare = c.d[9], Dirt = c.d[10],
                    NightInfrared = c.d[11], ColorCast = c.d[12], Rain = c.d[13], LowResolution = c.d[14],
                };
                options.Crop.MinAspect = c.crop.Item1;
                options.Crop.MaxAspect = c.crop.Item1 + c.crop.Item2;
                options.Crop.MedianAspect = c.crop.Item1 + (c.crop.Item2 / 2);
                options.Crop.TightProbability = c.crop.Item3;
                options.Crop.CutProbability = c.crop.Item4;
                Assert.Empty(options.Validate());
                using var generator = new PlateSampleGenerator(options, c.seed, SharedFonts.Library);
                var sample = generator.Generate(c.seed & 0xFFFF);
                Assert.Equal(options.Width * options.Height * (c.gray ? 1 : 3), sample.Image.Data.Length);
                Interlocked.Increment(ref rendered);
            },
            iter: 2000,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
        Assert.Equal(2000, rendered);
    }

    [Fact]
    public void FillBatchMatchesGenerate()
    {
        using var generator = new PlateSampleGenerator(new SynthOptions(), 5, SharedFonts.Library);
        const int count = 6;
        var images = new float[count * 64 * 128];
        var masks = new byte[count * 64 * 128];
        var labels = new string[count];
        var types = new PlateType[count];
        generator.FillBatch(10, images, masks, labels, types);
        for (var i = 0; i < count; i++)
        {
            var sample = generator.Generate(10 + i);
            Assert.Equal(sample.Text, labels[i]);
            Assert.Equal(sample.Type, types[i]);
            Assert.Equal(sample.Image.Data[77] / 255f, images[(i * 64 * 128) + 77], 1e-6f);
            Assert.Equal(sample.CharacterMask, masks.AsSpan(i * 64 * 128, 64 * 128).ToArray());
        }

        Assert.Throws<ArgumentException>(() => generator.FillBatch(0, new float[10], Memory<byte>.Empty, labels));
    }

    [Fact]
    public async Task StreamYieldsSamplesInIndexOrder()
    {
        using var generator = new PlateSampleGenerator(new SynthOptions(), 8, SharedFonts.Library);
        var streamed = new List<string>();
        await foreach (var sample in generator.StreamAsync(50, 20, batchSize: 6, TestContext.Current.CancellationToken))
        {
            streamed.Add(sample.Text);
        }

        Assert.Equal(Enumerable.Range(50, 20).Select(i => generator.Generate(i).Text), streamed);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeRendering()
    {
        var options = new SynthOptions();
        options.Degradations.Noise.Probability = 3;
        var error = Assert.Throws<SynthConfigException>(() => new PlateSampleGenerator(options, 1, SharedFonts.Library));
        Assert.Contains("degradations.noise.probability", error.Message, StringComparison.Ordinal);
    }

    private static (double X, double Y, int Pixels)[] Centroids(PlateSample sample)
    {
        var n = sample.Tokens.Count;
        var sums = new (double X, double Y, int Pixels)[n];
        var width = sample.Image.Width;
        for (var i = 0; i < sample.CharacterMask.Length; i++)
        {
            var id = sample.CharacterMask[i];
            if (id == 0)
            {
                continue;
            }

            ref var s = ref sums[id - 1];
            s.X += i % width;
            s.Y += i / width;
            s.Pixels++;
        }

        return [.. sums.Select(s => s.Pixels == 0 ? (0.0, 0.0, 0) : (s.X / s.Pixels, s.Y / s.Pixels, s.Pixels))];
    }
}
