using Lpr.Synth.Options;
using Lpr.Testing;
using Lpr.Synth.Rendering;
using Lpr.Synth.Scenes;
using Lpr.Vision.Localization;
using Lpr.Vision.Localization.Evaluation;

namespace Lpr.Vision.Tests.Localization;

/// <summary>
/// The classical locator on rendered 720p scene frames (the generator's scene mode, the same data
/// <c>lpr eval-detect</c> measures on). The thresholds are the measured baseline minus a margin:
/// they guard against regressions, they are not the goals for the learned locator.
/// </summary>
public sealed class SceneLocalizationTests
{
    private const int FrameCount = 24;

    // Measured on these 24 frames (seed 8008): recall 0.776 (38 of 49 labelled plates, some of them hidden behind
    // nearer vehicles) with 58 other candidates (precision 0.396). The locator proposes generously (the recognizer
    // verifies), so its raw precision is low by design. Asserted with a margin, as a regression floor.
    private const double MinRecall = MeasuredRecall - 0.07;
    private const double MinPrecision = MeasuredPrecision - 0.08;
    private const double MeasuredRecall = 0.776;
    private const double MeasuredPrecision = 0.396;

    [Fact]
    public void FindsLabelledPlatesInSceneFramesAtIou05()
    {
        using var generator = new SceneGenerator(new SynthOptions(), 8008, FontLibrary.Load(new FontOptions()));
        using var locator = new ClassicalPlateLocator();
        var metrics = new DetectionMetrics();
        foreach (var scene in generator.GenerateBatch(0, FrameCount))
        {
            var found = locator.Locate(scene.Image);
            metrics.Add([.. scene.Plates.Select(p => p.Box)], [.. found.Select(c => (c.Box, c.Score))]);
        }

        TestContext.Current.SendDiagnosticMessage($"classical locator on {metrics.Frames} scene frames: plates {metrics.LabelledPlates} recall {metrics.Recall:0.000} precision {metrics.Precision:0.000} AP50 {metrics.AveragePrecision():0.000}");
        Assert.True(metrics.LabelledPlates >= FrameCount, $"the scene set should hold plates, got {metrics.LabelledPlates}");
        Assert.True(metrics.Recall >= MinRecall, $"recall {metrics.Recall:0.000} < {MinRecall:0.000} (TP {metrics.TruePositives}, misses {metrics.Misses}, precision {metrics.Precision:0.000})");
        Assert.True(metrics.Precision >= MinPrecision, $"precision {metrics.Precision:0.000} < {MinPrecision:0.000} (FP {metrics.FalsePositives})");
    }

    [Fact]
    public void PlatesCutByTheFrameEdgeNeverYieldACollapsedCandidate()
    {
        // Frame 4 of the detector's scene set (seed 4242) has a blob whose clamped corners fall on a line; the
        // locator used to hand it to the rectifier, which found no perspective transform and threw.
        var options = SynthConfig.Load(RepoPaths.Combine("scripts", "detector-scenes.json"));
        using var generator = new SceneGenerator(options, 4242, FontLibrary.Load(new FontOptions()));
        using var locator = new ClassicalPlateLocator();
        var candidates = 0;
        foreach (var scene in generator.GenerateBatch(0, 8))
        {
            var found = locator.Locate(scene.Image);
            Assert.All(found, c => Assert.True(c.Crop.Width > 0 && c.Box.Width >= 2 && c.Box.Height >= 2, $"candidate {c.Box}"));
            candidates += found.Count;
        }

        Assert.True(candidates > 0);
    }
}
