using BenchmarkDotNet.Attributes;
using Lpr.Core.Imaging;
using Lpr.Synth.Options;
using Lpr.Synth.Scenes;
using Lpr.Vision.Localization;

namespace Lpr.Benchmarks;

/// <summary>
/// Locating plates in one 1280x720 BGR scene frame (the budget: ≤ 15 ms on one core).
/// The frame is rendered once by the scene generator; the locator's working matrices are reused.
/// </summary>
[MemoryDiagnoser]
public class LocatorBenchmarks
{
    private ClassicalPlateLocator locator = null!;
    private PixelImage frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var generator = new SceneGenerator(new SynthOptions(), 8008);
        frame = generator.Generate(1).Image;
        locator = new ClassicalPlateLocator();
    }

    [GlobalCleanup]
    public void Cleanup() => locator.Dispose();

    [Benchmark]
    public int Classical720p() => locator.Locate(frame).Count;
}
