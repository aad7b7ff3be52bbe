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
/// Locating plates in one 1280x720 BGR scene frame (the budget: ≤ 15 ms on one core).
/// The frame is rendered once by the scene generator; the locators' working buffers are reused.
/// <c>Learned720p</c> runs the trained detector (models/kr-plate-detector-int8.tflite, or
/// $LPR_DETECTOR_MODEL) on the managed interpreter; <c>Letterbox720p</c> is its managed resize alone.
/// </summary>
[MemoryDiagnoser]
public class LocatorBenchmarks
{
    private ClassicalPlateLocator classical = null!;
    private LearnedPlateLocator? learned;
    private FrameLetterbox letterbox = null!;
    private byte[] input = [];
    private PixelImage frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var generator = new SceneGenerator(new SynthOptions(), 8008);
        frame = generator.Generate(1).Image;
        classical = new ClassicalPlateLocator();
        letterbox = new FrameLetterbox(DetectorDescriptor.CreateDefault(320, 192, 8).Input!, TensorType.UInt8, QuantizationParameters.PerTensor(1f / 255, 0));
        input = new byte[letterbox.ByteCount];
        var model = Environment.GetEnvironmentVariable("LPR_DETECTOR_MODEL") is { Length: > 0 } path ? path : Path.Combine(RepoPaths.Models, "kr-plate-detector-int8.tflite");
        learned = File.Exists(model) ? LearnedPlateLocator.Open(model, new EngineOptions { Backend = InferenceBackend.Managed }) : null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        classical.Dispose();
        learned?.Dispose();
    }

    [Benchmark]
    public int Classical720p() => classical.Locate(frame).Count;

    [Benchmark]
    public int Learned720p() => (learned ?? throw new InvalidOperationException("No detector model: train one with scripts/train-detector.sh or set LPR_DETECTOR_MODEL.")).Locate(frame).Count;

    [Benchmark]
    public byte Letterbox720p()
    {
        letterbox.Process(frame, input);
        return input[0];
    }
}
