using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>The CI smoke configuration of the detector: the tiny shape on 160x96 scenes, single thread, a few dozen steps.</summary>
[Collection(SeededTorch.Name)]
public sealed class DetectorTrainingSmokeTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-detector-smoke-" + Guid.NewGuid().ToString("N"));

    internal static DetectorTrainingOptions Smoke(int steps) => new()
    {
        Architecture = "tiny",
        Steps = steps,
        BatchSize = 8,
        MaxLearningRate = 1e-2,
        WarmupFraction = 0.05,
        ValidateEvery = 30,
        ValidationSamples = 16,
        Threads = 1,
    };

    [Fact]
    public void A_few_dozen_steps_make_the_loss_fall_and_leave_a_best_checkpoint()
    {
        var options = Smoke(60);
        using var train = DetectorScenesFixture.Source(options.Seed, DetectorArchitecture.Tiny);
        using var validation = DetectorScenesFixture.Source(options.ValidationSeed, DetectorArchitecture.Tiny);
        var trainer = new DetectorTrainer(options, train, validation, directory);
        var losses = new List<double>();

        var result = trainer.Run(resume: false, new SynchronousProgress<DetectorProgress>(p => losses.Add(p.Loss)), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{result.MillisecondsPerStep:F1} ms/step; loss first 10 {losses.Take(10).Average():F3}, last 10 {losses.TakeLast(10).Average():F3}");
        Assert.True(result.Completed);
        Assert.Equal(60, losses.Count);
        Assert.All(losses, l => Assert.True(double.IsFinite(l), "loss is finite"));
        var first = losses.Take(10).Average();
        var last = losses.TakeLast(10).Average();
        Assert.True(last < 0.8 * first, $"loss did not fall enough: first 10 steps {first:F3}, last 10 {last:F3}");
        Assert.True(File.Exists(trainer.Store.BestWeights));
        Assert.Equal([30L, 60], result.State.ValidationHistory.Select(v => v.Step));
        Assert.All(result.State.ValidationHistory, v => Assert.InRange(v.AveragePrecision, 0, 1));
    }

    [Fact]
    public void An_interrupted_run_resumes_at_its_checkpointed_step_and_ends_with_the_weights_of_an_uninterrupted_one()
    {
        var options = Smoke(12) with { ValidateEvery = 4, ValidationSamples = 8 };
        using var train = DetectorScenesFixture.Source(options.Seed, DetectorArchitecture.Tiny);
        using var validation = DetectorScenesFixture.Source(options.ValidationSeed, DetectorArchitecture.Tiny);
        using var stop = new CancellationTokenSource();
        var interrupted = new DetectorTrainer(options, train, validation, directory).Run(resume: false, new SynchronousProgress<DetectorProgress>(p =>
        {
            if (p.Step == 6)
            {
                stop.Cancel();
            }
        }), stop.Token);
        var resumedAt = new List<long>();

        var resumed = new DetectorTrainer(options, train, validation, directory)
            .Run(resume: true, new SynchronousProgress<DetectorProgress>(p => resumedAt.Add(p.Step)), TestContext.Current.CancellationToken);

        Assert.False(interrupted.Completed);
        Assert.Equal(6, interrupted.State.Step);
        Assert.True(resumed.Completed);
        Assert.Equal(7, resumedAt[0]);
        Assert.Equal([4L, 8, 12], resumed.State.ValidationHistory.Select(v => v.Step));

        // Same stream, restored optimizer and BatchNorm statistics, one thread: the very weights of an uninterrupted run.
        var straight = Path.Combine(directory, "straight");
        var uninterrupted = new DetectorTrainer(options, train, validation, straight).Run(resume: false, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "last.weights")), File.ReadAllBytes(Path.Combine(directory, "last.weights")));
        Assert.Equal(uninterrupted.State.ValidationHistory.Select(v => v.Loss), resumed.State.ValidationHistory.Select(v => v.Loss));
    }

    [Fact]
    public void A_fine_tune_starts_from_the_given_weights_not_from_scratch()
    {
        var options = Smoke(60);
        using var train = DetectorScenesFixture.Source(options.Seed, DetectorArchitecture.Tiny);
        using var validation = DetectorScenesFixture.Source(options.ValidationSeed, DetectorArchitecture.Tiny);
        var baseRun = new DetectorTrainer(options, train, validation, directory);
        var baseLosses = new List<double>();
        baseRun.Run(resume: false, new SynchronousProgress<DetectorProgress>(p => baseLosses.Add(p.Loss)), TestContext.Current.CancellationToken);
        var fineTuneLosses = new List<double>();

        var result = new DetectorTrainer(options with { Steps = 6, InitialWeights = baseRun.Store.BestWeights, Seed = 2 }, train, validation, Path.Combine(directory, "fine-tune"))
            .Run(resume: false, new SynchronousProgress<DetectorProgress>(p => fineTuneLosses.Add(p.Loss)), TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        FineTuneAssert.StartsFromTrainedWeights(baseLosses, fineTuneLosses);
    }

    [Fact]
    public void Initial_weights_that_do_not_exist_are_rejected_naming_the_key()
    {
        using var train = DetectorScenesFixture.Source(1, DetectorArchitecture.Tiny);
        var error = Assert.Throws<TrainingOptionException>(() => new DetectorTrainer(Smoke(10) with { InitialWeights = "/nonexistent/best.weights" }, train, train, directory));
        Assert.Contains("InitialWeights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_option_is_rejected_before_training_naming_the_key()
    {
        using var train = DetectorScenesFixture.Source(1, DetectorArchitecture.Tiny);
        var error = Assert.Throws<TrainingOptionException>(() => new DetectorTrainer(Smoke(10) with { ScoreThreshold = 1.5 }, train, train, directory));
        Assert.Contains("ScoreThreshold", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
