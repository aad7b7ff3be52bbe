using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>
/// Trainings with a thread beside them that collects garbage without pause, as the batch renderer
/// triggers collections in a real run, only far more often. Without <see cref="FinalizerGate"/> these
/// fail within a second or two ("Scalar.h:140", "Unknown scalar type"): TorchSharp's temporary
/// Scalars get freed while libtorch reads them. Needs optimized code (the project turns tiering off).
/// </summary>
[Collection(SeededTorch.Name)]
public sealed class CollectorStressTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-collector-stress-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Detector_training_survives_collections_running_beside_it()
    {
        var options = DetectorTrainingSmokeTests.Smoke(40) with { ValidateEvery = 20, ValidationSamples = 8 };
        using var train = DetectorScenesFixture.Source(options.Seed, DetectorArchitecture.Tiny);
        using var validation = DetectorScenesFixture.Source(options.ValidationSeed, DetectorArchitecture.Tiny);

        var result = WhileCollecting(() => new DetectorTrainer(options, train, validation, directory).Run(resume: false, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(result.Completed);
        Assert.Equal(40, result.State.Step);
    }

    [Fact]
    public void Recognizer_training_survives_collections_running_beside_it()
    {
        var options = RecognizerSmoke.Options(40) with { ValidateEvery = 20 };
        var (train, validation) = RecognizerSmoke.Glyphs(options);

        var result = WhileCollecting(() => new RecognizerTrainer(options, train, validation, directory).Run(resume: false, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(result.Completed);
        Assert.Equal(40, result.State.Step);
    }

    private static T WhileCollecting<T>(Func<T> run)
    {
        using var stop = new CancellationTokenSource();
        var collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Young collections are what find a just-dead temporary; the pause lets the training run.
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                collections++;
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            return run();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
            TestContext.Current.TestOutputHelper?.WriteLine($"{collections} collections beside the run");
            Assert.True(collections > 100, $"only {collections} collections ran beside the training");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
