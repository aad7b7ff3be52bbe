using Lpr.Core.Imaging;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Synth.Scenes;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.Vision.Localization;

namespace Lpr.Vision.Tests.Localization;

/// <summary>
/// The shipped detector on 720p scenes whose plates are all small (48–110 px wide, 12–28 input pixels): the second
/// look at a closer scale must give boxes that fit the labelled plates better than the first look's, and find at
/// least as many of them at IoU 0.5, both when a plate is looked at alone and when four share one look.
/// </summary>
public sealed class LearnedLocatorSecondLookTests
{
    private const int FrameCount = 16;

    [Fact]
    public void A_second_look_at_small_plates_fits_their_boxes_better()
    {
        var options = SynthConfig.Load(RepoPaths.Combine("scripts", "detector-scenes.json"));
        options.Scene.MaxPlateWidth = 110;
        options.Scene.EmptyProbability = 0;
        using var generator = new SceneGenerator(options, 5151, FontLibrary.Load(new FontOptions()));

        var plates = AssertSecondLookFitsBetter(generator.GenerateBatch(0, FrameCount), "small plates");

        Assert.True(plates >= FrameCount, $"the scenes should hold small plates, got {plates}");
    }

    [Fact]
    public void Four_small_plates_in_one_shared_second_look_each_fit_better()
    {
        var options = SynthConfig.Load(RepoPaths.Combine("scripts", "detector-scenes.json"));
        (options.Scene.MinPlateWidth, options.Scene.MaxPlateWidth, options.Scene.MaxPlates, options.Scene.EmptyProbability) = (60, 110, 4, 0);
        using var generator = new SceneGenerator(options, 6262, FontLibrary.Load(new FontOptions()));
        var scenes = Enumerable.Range(0, 80).Select(i => generator.Generate(i)).Where(s => s.Plates.Count == 4).Take(6).ToArray();

        Assert.Equal(24, AssertSecondLookFitsBetter(scenes, "plates, four a frame"));
    }

    /// <summary>
    /// Locates <paramref name="scenes"/> with the shipped detector with and without the second look; asserts the second
    /// look's boxes fit the labels better on average and find at least as many plates; returns the plate count.
    /// </summary>
    private static int AssertSecondLookFitsBetter(IReadOnlyList<SceneSample> scenes, string what)
    {
        var model = RepoPaths.Combine("models", "kr-plate-detector-int8.tflite");
        var engine = new EngineOptions { Backend = InferenceBackend.Managed };
        using var firstLookOnly = LearnedPlateLocator.Open(model, engine, options: new LearnedLocatorOptions { RefineBelowWidth = 0 });
        using var withSecondLook = LearnedPlateLocator.Open(model, engine);

        var (firstIou, firstFound, plates) = Fit(firstLookOnly, scenes);
        var (secondIou, secondFound, _) = Fit(withSecondLook, scenes);

        TestContext.Current.TestOutputHelper?.WriteLine($"{plates} {what}: mean best IoU {firstIou:0.000} -> {secondIou:0.000}, found at IoU 0.5 {firstFound} -> {secondFound}");
        Assert.True(secondIou > firstIou + 0.02, $"mean IoU with the second look {secondIou:0.000}, without {firstIou:0.000}");
        Assert.True(secondFound >= firstFound, $"found {secondFound} plates with the second look, {firstFound} without");
        return plates;
    }

    /// <summary>Each labelled plate's best IoU with any candidate, averaged, and how many reach 0.5.</summary>
    private static (double MeanIou, int Found, int Plates) Fit(LearnedPlateLocator locator, IReadOnlyList<SceneSample> scenes)
    {
        double sum = 0;
        int found = 0, plates = 0;
        foreach (var scene in scenes)
        {
            var boxes = locator.Locate(scene.Image).Select(c => c.Box).ToArray();
            foreach (var plate in scene.Plates)
            {
                var best = boxes.Length == 0 ? 0 : boxes.Max(b => b.IntersectionOverUnion(plate.Box));
                sum += best;
                found += best >= 0.5 ? 1 : 0;
                plates++;
            }
        }

        return (plates == 0 ? 0 : sum / plates, found, plates);
    }
}
