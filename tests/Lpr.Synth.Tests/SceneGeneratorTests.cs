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
    public void ScenesAreDeterministic()
    {
        using var a = new SceneGenerator(SmallScenes(), 2, SharedFonts.Library);
        using var b = new SceneGenerator(SmallScenes(), 2, SharedFonts.Library);
        Assert.Equal(a.Generate(5).Image.Data, b.Generate(5).Image.Data);
        Assert.Equal(a.GenerateSequence(3)[2].Image.Data, b.GenerateSequence(3)[2].Image.Data);
    }
}
