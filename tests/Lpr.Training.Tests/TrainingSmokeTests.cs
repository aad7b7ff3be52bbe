using Lpr.Training.Data;
using Lpr.Training.Optimization;

namespace Lpr.Training.Tests;

/// <summary>The CI smoke runs of the recognizer trainer (<see cref="RecognizerSmoke"/>).</summary>
public sealed class TrainingSmokeTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-train-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_few_steps_make_the_loss_fall_and_leave_a_best_checkpoint()
    {
        var options = RecognizerSmoke.Options(80);
        var (train, validation) = RecognizerSmoke.Glyphs(options);
        var trainer = new RecognizerTrainer(options, train, validation, directory);
        var losses = new List<double>();

        var result = trainer.Run(resume: false, new SynchronousProgress<TrainingProgress>(p => losses.Add(p.Loss)), TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        Assert.Equal(80, losses.Count);
        var first = losses.Take(10).Average();
        var last = losses.TakeLast(10).Average();
        Assert.True(last < 0.7 * first, $"loss did not fall enough: first 10 steps {first:F3}, last 10 {last:F3}");
        Assert.True(File.Exists(trainer.Store.BestWeights));
        Assert.Equal(2, result.State.ValidationHistory.Count);
    }

    [Fact]
    public void An_interrupted_run_resumes_at_its_checkpointed_step()
    {
        var options = RecognizerSmoke.Options(30) with { ValidateEvery = 10 };
        var (train, validation) = RecognizerSmoke.Glyphs(options);
        using var stop = new CancellationTokenSource();
        var first = new RecognizerTrainer(options, train, validation, directory);

        var interrupted = first.Run(resume: false, new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == 12)
            {
                stop.Cancel();
            }
        }), stop.Token);
        var resumedAt = new List<long>();
        var resumed = new RecognizerTrainer(options, train, validation, directory)
            .Run(resume: true, new SynchronousProgress<TrainingProgress>(p => resumedAt.Add(p.Step)), TestContext.Current.CancellationToken);

        Assert.False(interrupted.Completed);
        Assert.Equal(12, interrupted.State.Step);
        Assert.True(resumed.Completed);
        Assert.Equal(13, resumedAt[0]);
        Assert.Equal(30, resumed.State.Step);
        Assert.Equal([10L, 20, 30], resumed.State.ValidationHistory.Select(v => v.Step));
    }

    [Fact]
    public void A_fine_tune_starts_from_the_given_weights_not_from_scratch()
    {
        var options = RecognizerSmoke.Options(80);
        var (train, validation) = RecognizerSmoke.Glyphs(options);
        var baseRun = new RecognizerTrainer(options, train, validation, directory);
        var baseLosses = new List<double>();
        baseRun.Run(resume: false, new SynchronousProgress<TrainingProgress>(p => baseLosses.Add(p.Loss)), TestContext.Current.CancellationToken);
        var fineTune = options with { Steps = 10, InitialWeights = baseRun.Store.BestWeights, Seed = 2 };
        var fineTuneLosses = new List<double>();

        var result = new RecognizerTrainer(fineTune, train, validation, Path.Combine(directory, "fine-tune"))
            .Run(resume: false, new SynchronousProgress<TrainingProgress>(p => fineTuneLosses.Add(p.Loss)), TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        FineTuneAssert.StartsFromTrainedWeights(baseLosses, fineTuneLosses);
    }

    [Fact]
    public void A_quantization_aware_run_without_a_calibration_source_is_rejected_naming_the_key()
    {
        var options = RecognizerSmoke.Options(10) with { QuantizationAware = true };
        var (train, validation) = RecognizerSmoke.Glyphs(options);

        var error = Assert.Throws<TrainingOptionException>(() => new RecognizerTrainer(options, train, validation, directory));
        Assert.Contains("QuantizationAware", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initial_weights_that_do_not_exist_are_rejected_naming_the_key()
    {
        var options = RecognizerSmoke.Options(10) with { InitialWeights = "/nonexistent/best.weights" };
        var (train, validation) = RecognizerSmoke.Glyphs(options);

        var error = Assert.Throws<TrainingOptionException>(() => new RecognizerTrainer(options, train, validation, directory));
        Assert.Contains("InitialWeights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_option_is_rejected_before_training_naming_the_key()
    {
        var options = RecognizerSmoke.Options(10) with { BatchSize = 0 };
        var (train, validation) = RecognizerSmoke.Glyphs(RecognizerSmoke.Options(10));

        var error = Assert.Throws<TrainingOptionException>(() => new RecognizerTrainer(options, train, validation, directory));
        Assert.Contains("BatchSize", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
