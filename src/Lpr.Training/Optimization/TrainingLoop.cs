using System.Diagnostics;
using Lpr.Training.Data;
using TorchSharp.Modules;

namespace Lpr.Training.Optimization;

/// <summary>What the loop tells its trainer after each step.</summary>
/// <param name="Losses">This step's loss components (the first is the total that was minimized).</param>
/// <param name="Validated">True when the trainer's validation ran after this step.</param>
internal readonly record struct LoopStep(long Step, long TotalSteps, double[] Losses, double LearningRate, double MillisecondsPerStep, TimeSpan EstimatedRemaining, bool Validated);

/// <summary>How a <see cref="TrainingLoop{TSample}.Run"/> ended.</summary>
internal readonly record struct LoopOutcome(long Step, TimeSpan Elapsed, double MillisecondsPerStep);

/// <summary>
/// The step loop every trainer shares: batch k holds samples k·B … k·B+B−1 of the training source
/// (rendered on a worker while the previous step trains, so a resumed run continues the very same
/// stream), the one-cycle learning rate set before each step, loss components averaged over windows
/// of <see cref="LossWindow"/> steps, validation every <see cref="IRunOptions.ValidateEvery"/> steps
/// and at the end (each followed by a checkpoint), a checkpoint at least every
/// <see cref="IRunOptions.CheckpointMinutes"/>, and on cancellation a last checkpoint. What a step,
/// a validation and a checkpoint are is the trainer's.
/// </summary>
/// <typeparam name="TSample">One training example in the network's terms.</typeparam>
internal sealed class TrainingLoop<TSample>(IRunOptions options, ISampleSource<TSample> source, TimeProvider time)
{
    public const int LossWindow = 50;

    // The batch rendering for the next step; a field so that Run can wait for it after a stop.
    private Task<TSample[]> pending = Task.FromResult<TSample[]>([]);

    /// <summary>Trains on one batch at the given learning rate (already set on the optimizer); returns the loss components.</summary>
    public required Func<TSample[], double, double[]> TrainStep { get; init; }

    /// <summary>Records the mean loss components of the window ending at a step.</summary>
    public required Action<long, double[]> RecordLosses { get; init; }

    /// <summary>Validates on the hold-out after a step (and puts the model back in training mode).</summary>
    public required Action<long> Validate { get; init; }

    /// <summary>Writes the resumable checkpoint at a step.</summary>
    public required Action<long> Checkpoint { get; init; }

    public required Action<LoopStep> Report { get; init; }

    /// <summary>Called when cancellation stops the run early, before its last checkpoint.</summary>
    public Action<long>? Stopped { get; init; }

    public LoopOutcome Run(long firstStep, OptimizerHelper optimizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optimizer);

        // The renderer allocates while libtorch runs: see FinalizerGate for why finalizers must wait.
        using var gate = FinalizerGate.Hold();
        try
        {
            return Steps(firstStep, optimizer, gate, cancellationToken);
        }
        finally
        {
            // A stopped run leaves its next batch rendering: let it end before torch runs outside the gate.
            pending.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }

    private LoopOutcome Steps(long firstStep, OptimizerHelper optimizer, FinalizerGate gate, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastCheckpoint = started;
        var stepClock = Stopwatch.StartNew();
        long stepsTimed = 0;
        double[]? window = null;
        var windowCount = 0;
        var step = firstStep;
        pending = Prefetch(step);

        while (step < options.Steps && !cancellationToken.IsCancellationRequested)
        {
            var samples = pending.GetAwaiter().GetResult();
            gate.Pass();
            pending = step + 1 < options.Steps ? Prefetch(step + 1) : Task.FromResult<TSample[]>([]);
            var learningRate = LearningRateSchedule.At(step, options.Steps, options.MaxLearningRate, options.WarmupFraction);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            var losses = TrainStep(samples, learningRate);
            step++;
            stepsTimed++;
            window ??= new double[losses.Length];
            for (var i = 0; i < window.Length; i++)
            {
                window[i] += losses[i];
            }

            windowCount++;
            var msPerStep = stepClock.Elapsed.TotalMilliseconds / stepsTimed;
            if (windowCount == LossWindow || step == options.Steps)
            {
                RecordLosses(step, [.. window.Select(sum => sum / windowCount)]);
                Array.Clear(window);
                windowCount = 0;
            }

            var validated = step % options.ValidateEvery == 0 || step == options.Steps;
            if (validated)
            {
                Validate(step);
                Checkpoint(step);
                lastCheckpoint = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(lastCheckpoint).TotalMinutes >= options.CheckpointMinutes)
            {
                Checkpoint(step);
                lastCheckpoint = time.GetTimestamp();
            }

            var remaining = TimeSpan.FromMilliseconds(msPerStep * (options.Steps - step));
            Report(new LoopStep(step, options.Steps, losses, learningRate, msPerStep, remaining, validated));
        }

        if (step < options.Steps)
        {
            Stopped?.Invoke(step);
            Checkpoint(step);
        }

        return new LoopOutcome(step, time.GetElapsedTime(started), stepsTimed == 0 ? 0 : stepClock.Elapsed.TotalMilliseconds / stepsTimed);
    }

    /// <summary>Pins libtorch's memory and thread settings and seeds its generator: call before creating the model.</summary>
    public static void ConfigureTorch(IRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        NativeMemoryTuning.Apply();
        if (options.Threads > 0)
        {
            TorchSharp.torch.set_num_threads(options.Threads);
        }

        TorchSharp.torch.manual_seed(options.Seed);
    }

    private Task<TSample[]> Prefetch(long step) =>
        Task.Run(() => Generate(source, step * options.BatchSize, options.BatchSize), CancellationToken.None);

    private static TSample[] Generate(ISampleSource<TSample> source, long first, int count)
    {
        var samples = new TSample[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = source.Create(first + i);
        }

        return samples;
    }
}
