using BenchmarkDotNet.Attributes;
using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Synth.Options;
using Lpr.Synth.Scenes;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.TfLite.Model;
using Lpr.Vision.Localization;

namespace Lpr.Benchmarks;

/// <summary>
/// Locating plates in one 1280x720 BGR scene frame (the issue's budget: ≤ 15 ms on one core).
/// The frame is rendered once by the scene generator; the locators' working buffers are reused.
/// <c>Learned720p</c> runs the trained detector (models/kr-plate-detector-int8.tflite, or
/// $LPR_DETECTOR_MODEL) on the managed interpreter, with the second look at small plates the agent takes;
/// <c>Learned720pFirstLookOnly</c> without it; the <c>SmallPlates</c> pair does the same on a frame of four plates
/// 48–110 px wide, each of which gets the second look; <c>Letterbox720p</c> is the detector's managed resize alone.
/// </summary>
[MemoryDiagnoser]
public class LocatorBenchmarks
{
    private ClassicalPlateLocator classical = null!;
    private LearnedPlateLocator? learned;
    private LearnedPlateLocator? firstLookOnly;
    private FrameLetterbox letterbox = null!;
    private byte[] input = [];
    private PixelImage frame = null!;
    private PixelImage smallPlatesFrame = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var generator = new SceneGenerator(new SynthOptions(), 8008);
        frame = generator.Generate(1).Image;
        var small = new SynthOptions();
        (small.Scene.MinPlateWidth, small.Scene.MaxPlateWidth, small.Scene.MaxPlates, small.Scene.EmptyProbability) = (48, 110, 4, 0);
        using var smallGenerator = new SceneGenerator(small, 8008);
        var smallScene = Enumerable.Range(0, 50).Select(i => smallGenerator.Generate(i)).First(s => s.Plates.Count == 4);
        smallPlatesFrame = smallScene.Image;
        classical = new ClassicalPlateLocator();
        letterbox = new FrameLetterbox(DetectorDescriptor.CreateDefault(320, 192, 8).Input!, TensorType.UInt8, QuantizationParameters.PerTensor(1f / 255, 0));
        input = new byte[letterbox.ByteCount];
        var model = Environment.GetEnvironmentVariable("LPR_DETECTOR_MODEL") is { Length: > 0 } path ? path : Path.Combine(RepoPaths.Models, "kr-plate-detector-int8.tflite");
        learned = File.Exists(model) ? LearnedPlateLocator.Open(model, new EngineOptions { Backend = InferenceBackend.Managed }) : null;
        firstLookOnly = File.Exists(model) ? LearnedPlateLocator.Open(model, new EngineOptions { Backend = InferenceBackend.Managed }, options: new LearnedLocatorOptions { RefineBelowWidth = 0 }) : null;
        if (learned is not null)
        {
            Console.WriteLine($"// benchmark frame: plates {string.Join(", ", generator.Generate(1).Plates.Select(p => $"{p.Box.Width} px"))} wide; learned locator finds {learned.Locate(frame).Count}");
            Console.WriteLine($"// small-plates frame: plates {string.Join(", ", smallScene.Plates.Select(p => $"{p.Box.Width} px"))} wide; learned locator finds {learned.Locate(smallPlatesFrame).Count}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        classical.Dispose();
        learned?.Dispose();
        firstLookOnly?.Dispose();
    }

    [Benchmark]
    public int Classical720p() => classical.Locate(frame).Count;

    [Benchmark]
    public int Learned720p() => Loaded(learned).Locate(frame).Count;

    [Benchmark]
    public int Learned720pFirstLookOnly() => Loaded(firstLookOnly).Locate(frame).Count;

    [Benchmark]
    public int LearnedSmallPlates720p() => Loaded(learned).Locate(smallPlatesFrame).Count;

    [Benchmark]
    public int LearnedSmallPlates720pFirstLookOnly() => Loaded(firstLookOnly).Locate(smallPlatesFrame).Count;

    [Benchmark]
    public byte Letterbox720p()
    {
        letterbox.Process(frame, input);
        return input[0];
    }

    private static LearnedPlateLocator Loaded(LearnedPlateLocator? locator) =>
        locator ?? throw new InvalidOperationException("No detector model: train one with scripts/train-detector.sh or set LPR_DETECTOR_MODEL.");
}
