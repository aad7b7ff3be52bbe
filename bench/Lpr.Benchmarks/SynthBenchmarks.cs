using BenchmarkDotNet.Attributes;
using Lpr.Synth;
using Lpr.Synth.Options;

namespace Lpr.Benchmarks;

/// <summary>
/// Throughput of the synthetic crop generator (issue 5 asks for ≥ 2,000 recognizer crops/s on
/// 2 cores). The parallel benchmark renders a batch over all cores; per-crop time is reported via
/// OperationsPerInvoke, so crops/s = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class SynthBenchmarks
{
    private const int BatchSize = 512;
    private PlateSampleGenerator generator = null!;
    private float[] images = null!;
    private byte[] masks = null!;
    private string[] labels = null!;
    private long next;

    [GlobalSetup]
    public void Setup()
    {
        generator = new PlateSampleGenerator(new SynthOptions(), 1);
        images = new float[BatchSize * 64 * 128];
        masks = new byte[BatchSize * 64 * 128];
        labels = new string[BatchSize];
    }

    [GlobalCleanup]
    public void Cleanup() => generator.Dispose();

    /// <summary>One crop on one thread (default config: all degradations at their default rates).</summary>
    [Benchmark]
    public PlateSample OneCropSingleThread() => generator.Generate(next++);

    /// <summary>A training batch filled in parallel on all cores: the path training streams from.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void FillBatchAllCores()
    {
        generator.FillBatch(next, images, masks, labels);
        next += BatchSize;
    }
}
