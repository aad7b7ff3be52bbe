using Lpr.Core.Plates;
using Lpr.Synth.Options;
using Lpr.Synth.Scenes;

namespace Lpr.Synth.Tests;

public sealed class SceneGeneratorTests
{
    private static SynthOptions SmallScenes() => new() { Scene = new SceneOptions { Width = 480, Height = 270, MinPlateWidth = 40, MaxPlateWidth = 120 } };

    [Fact]
    public void FramesHoldValidPlatesInsideTheFrame()
    {
        using var generator = new SceneGenerator(SmallScenes(), 4, SharedFonts.Library);
        var frames = generator.GenerateBatch(0, 12);
        Assert.Contains(frames, f => f.Plates.Count > 1);
        foreach (var frame in frames)
        {
            Assert.Equal(480 * 270 * 3, frame.Image.Data.Length);
            Assert.InRange(frame.Plates.Count, 0, 3);
            foreach (var plate in frame.Plates)
            {
                Assert.True(PlateGrammar.IsValid(plate.Text), plate.Text);
                Assert.True(plate.Box.Width > 0 && plate.Box.Height > 0);
                Assert.True(plate.Box.X >= 0 && plate.Box.Y >= 0 && plate.Box.Right <= 480 && plate.Box.Bottom <= 270);
                Assert.True(plate.Corners.TopLeft.X < plate.Corners.TopRight.X);
                Assert.True(plate.Corners.TopLeft.Y < plate.Corners.BottomLeft.Y);
            }
        }
    }

    [Fact]
    public void PartlyHiddenPlatesAreKeptApartFromThePlatesAndWrittenAsSuch()
    {
        var options = SmallScenes();
        options.Scene.MaxPlates = 4;
        options.Scene.EmptyProbability = 0;
        using var generator = new SceneGenerator(options, 9, SharedFonts.Library);
        var frames = generator.GenerateBatch(0, 120);
        var hidden = frames.SelectMany(f => f.PartlyHidden).ToList();

        Assert.NotEmpty(hidden);
        Assert.All(frames, f => Assert.DoesNotContain(f.PartlyHidden, p => f.Plates.Contains(p)));
        var directory = Directory.CreateTempSubdirectory("lpr-scene-hidden-").FullName;
        try
        {
            Lpr.Synth.Output.SceneDatasetWriter.Write(frames, directory, 90);
            var lines = File.ReadAllLines(Path.Combine(directory, "labels.tsv"));
            Assert.Equal(hidden.Count(p => p.Box.Width > 0 && p.Box.Height > 0), lines.Count(l => l.EndsWith("\tpartly-hidden", StringComparison.Ordinal)));
            Assert.Equal(frames.Sum(f => f.Plates.Count), lines.Count(l => l.Split('\t').Length == 3));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void SequenceShowsEachVehicleInConsecutiveFramesWithSmallMotion()
    {
        using var generator = new SceneGenerator(SmallScenes(), 9, SharedFonts.Library);
        var frames = generator.GenerateSequence(12);
        Assert.Equal(12, frames.Length);
        Assert.All(frames, f => Assert.Single(f.Plates));
        for (var v = 0; v < 3; v++)
        {
            var texts = frames.Skip(v * 4).Take(4).Select(f => f.Plates[0].Text).Distinct().ToList();
            Assert.Single(texts);
            for (var f = (v * 4) + 1; f < (v * 4) + 4; f++)
            {
                var (a, b) = (frames[f - 1].Plates[0].Box, frames[f].Plates[0].Box);
                Assert.True(Math.Abs(a.X - b.X) < 40 && Math.Abs(a.Y - b.Y) < 40, $"frame {f} moved too far");
                Assert.True(a.IntersectionOverUnion(b) > 0.3);
            }
        }

        Assert.Equal(3, frames.Select(f => f.Plates[0].Text).Distinct().Count());
    }

    [Fact]
    public void ScaledFrameIsTheSameSceneDrawnSmaller()
    {
        using var generator = new SceneGenerator(SmallScenes(), 4, SharedFonts.Library);
        for (var index = 0; index < 6; index++)
        {
            var full = generator.Generate(index);
            var quarter = generator.Generate(index, 0.25f);
            Assert.Equal((120, 68), (quarter.Image.Width, quarter.Image.Height));
            Assert.Equal(full.Plates.Select(p => p.Text), quarter.Plates.Select(p => p.Text));
            for (var i = 0; i < full.Plates.Count; i++)
            {
                var (a, b) = (full.Plates[i].Corners, quarter.Plates[i].Corners);
                Assert.Equal(a.TopLeft.X * 0.25f, b.TopLeft.X, 3);
                Assert.Equal(a.BottomRight.Y * 0.25f, b.BottomRight.Y, 3);
                Assert.True(quarter.Plates[i].Box.Right <= 120 && quarter.Plates[i].Box.Bottom <= 68);
            }

            // Area-averaging the full frame by 4 gives nearly the small one: the same picture.
            Assert.True(MeanAbsoluteDifference(Shrink4(full.Image.Data, 480, 270), quarter.Image.Data) < 24, $"frame {index} differs from its shrunk full-size render");
        }
    }

    [Fact]
    public void StrongPerspectiveCameraEffectsAndDistractorsKeepValidDeterministicPlates()
    {
        var options = SmallScenes();
        options.Scene.MaxRollDegrees = 10;
        options.Scene.MaxYaw = 0.15;
        options.Scene.MaxPitch = 0.12;
        options.Scene.VehicleFromPlateCentre = true;
        options.Scene.CameraEffects = true;
        options.Scene.MaxDistractors = 3;
        using var generator = new SceneGenerator(options, 6, SharedFonts.Library);
        using var again = new SceneGenerator(options, 6, SharedFonts.Library);
        var frames = generator.GenerateBatch(0, 12);
        var plain = new SceneGenerator(SmallScenes(), 6, SharedFonts.Library);
        Assert.NotEqual(plain.Generate(0).Image.Data, frames[0].Image.Data);
        plain.Dispose();
        Assert.Equal(frames[3].Image.Data, again.Generate(3).Image.Data);
        Assert.Contains(frames, f => f.Plates.Count > 0);
        foreach (var plate in frames.SelectMany(f => f.Plates))
        {
            Assert.True(PlateGrammar.IsValid(plate.Text), plate.Text);
            Assert.True(plate.Corners.TopLeft.X < plate.Corners.TopRight.X && plate.Corners.BottomLeft.X < plate.Corners.BottomRight.X);
            Assert.True(plate.Corners.TopLeft.Y < plate.Corners.BottomLeft.Y && plate.Corners.TopRight.Y < plate.Corners.BottomRight.Y);
        }
    }

    [Fact]
    public void FreePlatesKeepTheirPlacesButNotTheirVehicles()
    {
        static SynthOptions OnePlate(double free)
        {
            var options = SmallScenes();
            options.Scene.MaxPlates = 1;
            options.Scene.EmptyProbability = 0;
            options.Scene.FreePlateProbability = free;
            return options;
        }

        using var onVehicles = new SceneGenerator(OnePlate(0), 8, SharedFonts.Library);
        using var free = new SceneGenerator(OnePlate(1), 8, SharedFonts.Library);
        var (cabinsSeen, cabinsGone) = (0, 0);
        for (var i = 0; i < 24; i++)
        {
            var withVehicle = onVehicles.Generate(i);
            var without = free.Generate(i);
            var plate = Assert.Single(without.Plates);
            Assert.True(PlateGrammar.IsValid(plate.Text), plate.Text);
            Assert.Equal(Assert.Single(withVehicle.Plates).Corners, plate.Corners);

            // The cabin sits about 1.3 plate widths above the plate, far above any mount.
            var (x, y) = ((int)((plate.Corners.TopLeft.X + plate.Corners.TopRight.X) / 2), (int)(plate.Corners.TopLeft.Y - (1.3 * plate.Box.Width)));
            if (y >= 0)
            {
                cabinsSeen++;
                cabinsGone += Pixel(withVehicle, x, y).SequenceEqual(Pixel(without, x, y)) ? 0 : 1;
            }
        }

        Assert.True(cabinsSeen >= 6, $"only {cabinsSeen} cabins inside the frames");
        Assert.True(cabinsGone >= cabinsSeen - 1, $"the frames differ where the cabin was in only {cabinsGone} of {cabinsSeen}");
    }

    private static byte[] Pixel(SceneSample frame, int x, int y) => frame.Image.Data.AsSpan(((y * frame.Image.Width) + x) * 3, 3).ToArray();

    [Fact]
    public void ScenesAreDeterministic()
    {
        using var a = new SceneGenerator(SmallScenes(), 2, SharedFonts.Library);
        using var b = new SceneGenerator(SmallScenes(), 2, SharedFonts.Library);
        Assert.Equal(a.Generate(5).Image.Data, b.Generate(5).Image.Data);
        Assert.Equal(a.GenerateSequence(3)[2].Image.Data, b.GenerateSequence(3)[2].Image.Data);
    }

    private static byte[] Shrink4(byte[] bgr, int width, int height)
    {
        var (w, h) = (width / 4, (height + 3) / 4);
        var result = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    int sum = 0, n = 0;
                    for (var dy = 0; dy < 4 && (4 * y) + dy < height; dy++)
                    {
                        for (var dx = 0; dx < 4; dx++, n++)
                        {
                            sum += bgr[((((4 * y) + dy) * width) + (4 * x) + dx) * 3 + c];
                        }
                    }

                    result[(((y * w) + x) * 3) + c] = (byte)(sum / n);
                }
            }
        }

        return result;
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
}
