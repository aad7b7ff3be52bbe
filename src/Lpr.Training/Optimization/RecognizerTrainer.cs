using System.Diagnostics;
using Lpr.Training.Data;
using Lpr.Training.Losses;
using Lpr.Training.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>
/// Trains <see cref="PlateRecognizerNet"/> on a stream of samples: AdamW with a one-cycle cosine
/// schedule, focal CTC + auxiliary mask loss, a fixed hold-out validated every
/// <see cref="TrainingOptions.ValidateEvery"/> steps (best checkpoint kept), and a resumable
/// checkpoint every few minutes. Batch k always holds samples k·B … k·B+B−1 of the training
/// source, so a resumed run continues the very same stream.
/// </summary>
public sealed partial class RecognizerTrainer
{
    private const int LossWindow = 50;
    private readonly TrainingOptions options;
    private readonly ITrainingSampleSource trainSource;
    private readonly ITrainingSampleSource validationSource;
    private readonly CheckpointStore store;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly RecognizerArchitecture architecture;
    private TrainingSample[]? validationCache;

    public RecognizerTrainer(
        TrainingOptions options,
        ITrainingSampleSource trainSource,
        ITrainingSampleSource validationSource,
        string outputDirectory,
        ILogger? logger = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainSource);
        ArgumentNullException.ThrowIfNull(validationSource);
        options.Validate();
        this.options = options;
        this.trainSource = trainSource;
        this.validationSource = validationSource;
        architecture = options.ResolveArchitecture();
        if (trainSource.ImageHeight != architecture.InputHeight || trainSource.ImageWidth != architecture.InputWidth)
        {
            throw new ArgumentException(
                $"Training source makes {trainSource.ImageHeight}x{trainSource.ImageWidth} images, the model takes {architecture.InputHeight}x{architecture.InputWidth}.",
                nameof(trainSource));
        }

        store = new CheckpointStore(outputDirectory);
        this.logger = logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
    }

    public CheckpointStore Store => store;

    /// <summary>Trains until <see cref="TrainingOptions.Steps"/> or cancellation (which saves a checkpoint first).</summary>
    public TrainingResult Run(bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        NativeMemoryTuning.Apply();
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        torch.manual_seed(options.Seed);
        using var model = new PlateRecognizerNet(architecture);
        using var optimizer = torch.optim.AdamW(model.parameters(), lr: options.MaxLearningRate, weight_decay: options.WeightDecay);
        var state = new TrainingState { Options = options.ToJson() };
        if (resume && store.HasResumableCheckpoint)
        {
            state = store.LoadLast(model, optimizer);
            var bestSoFar = Math.Max(0, state.BestExactMatch);
            LogResuming(logger, store.Directory, state.Step, bestSoFar);
        }
        else
        {
            Directory.CreateDirectory(store.Directory);
            File.WriteAllText(store.OptionsPath, options.ToJson());
        }

        var focal = new FocalCtcLoss(architecture.Blank, options.FocalAlpha, options.FocalGamma);
        var started = time.GetTimestamp();
        var lastCheckpoint = started;
        var stepClock = Stopwatch.StartNew();
        long stepsTimed = 0;
        double windowLoss = 0, windowCtc = 0, windowMask = 0;
        var windowCount = 0;
        var step = state.Step;
        var pending = Prefetch(step);
        model.train();

        while (step < options.Steps && !cancellationToken.IsCancellationRequested)
        {
            var samples = pending.GetAwaiter().GetResult();
            pending = step + 1 < options.Steps ? Prefetch(step + 1) : Task.FromResult<TrainingSample[]>([]);
            var learningRate = LearningRateSchedule.At(step, options.Steps, options.MaxLearningRate, options.WarmupFraction);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            double loss, ctc, mask;
            using (NewDisposeScope())
            {
                using var batch = TrainingBatch.Collate(samples, architecture.InputHeight, architecture.InputWidth, architecture.FeatureHeight, architecture.FeatureWidth);
                optimizer.zero_grad();
                using var output = model.forward(batch.Images);
                var ctcLoss = focal.Compute(output.Logits, batch.Targets, batch.TargetLengths);
                var maskLoss = batch.Coverage is null ? zeros(1).squeeze() : MaskLoss.Compute(output.MaskLogits, batch.Coverage);
                var total = (options.CtcWeight * ctcLoss) + (options.MaskWeight * maskLoss);
                total.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 5.0);
                optimizer.step();
                (loss, ctc, mask) = (total.item<float>(), ctcLoss.item<float>(), maskLoss.item<float>());
            }

            step++;
            stepsTimed++;
            (windowLoss, windowCtc, windowMask, windowCount) = (windowLoss + loss, windowCtc + ctc, windowMask + mask, windowCount + 1);
            var msPerStep = stepClock.Elapsed.TotalMilliseconds / stepsTimed;
            double? exactMatch = null;

            if (windowCount == LossWindow || step == options.Steps)
            {
                state.LossHistory.Add(new LossPoint(step, windowLoss / windowCount, windowCtc / windowCount, windowMask / windowCount));
                (windowLoss, windowCtc, windowMask, windowCount) = (0, 0, 0, 0);
            }

            if (step % options.ValidateEvery == 0 || step == options.Steps)
            {
                var (match, validationCtc) = Validate(model, focal);
                model.train();
                exactMatch = match;
                state.ValidationHistory.Add(new ValidationPoint(step, match, validationCtc));
                if (match > state.BestExactMatch)
                {
                    state = state with { BestExactMatch = match, BestStep = step };
                    store.SaveBest(model);
                }

                LogValidation(logger, step, options.Steps, match, state.BestExactMatch, state.BestStep, validationCtc);
                Checkpoint();
            }
            else if (time.GetElapsedTime(lastCheckpoint).TotalMinutes >= options.CheckpointMinutes)
            {
                Checkpoint();
            }

            var remaining = TimeSpan.FromMilliseconds(msPerStep * (options.Steps - step));
            progress?.Report(new TrainingProgress(step, options.Steps, loss, ctc, mask, learningRate, msPerStep, remaining, exactMatch, state.BestExactMatch));
        }

        if (step < options.Steps)
        {
            LogStopped(logger, step);
            Checkpoint();
        }

        return new TrainingResult(state, step >= options.Steps, store.BestWeights, time.GetElapsedTime(started), stepsTimed == 0 ? 0 : stepClock.Elapsed.TotalMilliseconds / stepsTimed);

        void Checkpoint()
        {
            state = state with { Step = step };
            store.SaveLast(model, optimizer, state);
            lastCheckpoint = time.GetTimestamp();
        }
    }

    /// <summary>Exact-match rate and mean plain CTC loss of the model on the fixed hold-out.</summary>
    public (double ExactMatch, double CtcLoss) Validate(PlateRecognizerNet model, FocalCtcLoss loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        model.eval();
        using var noGrad = no_grad();
        int correct = 0, seen = 0;
        double ctcSum = 0;
        for (var start = 0; start < options.ValidationSamples; start += options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(options.BatchSize, options.ValidationSamples - start);
            var samples = HoldOut(start, count);
            using var batch = TrainingBatch.Collate(samples, architecture.InputHeight, architecture.InputWidth, architecture.FeatureHeight, architecture.FeatureWidth);
            using var output = model.forward(batch.Images);
            ctcSum += loss.Plain(output.Logits, batch.Targets, batch.TargetLengths).item<float>() * count;
            var decoded = GreedyCtc.Decode(output.Logits, architecture.Blank);
            for (var i = 0; i < count; i++)
            {
                correct += decoded[i].AsSpan().SequenceEqual(samples[i].Tokens) ? 1 : 0;
            }

            seen += count;
        }

        return ((double)correct / seen, ctcSum / seen);
    }

    /// <summary>
    /// The fixed hold-out, rendered once and kept (2,000 crops ≈ 70 MB): re-rendering it at every
    /// validation cost seconds of the single renderer thread each time for the very same pixels.
    /// </summary>
    private TrainingSample[] HoldOut(int start, int count)
    {
        if (validationCache is null || validationCache.Length != options.ValidationSamples)
        {
            validationCache = new TrainingSample[options.ValidationSamples];
            Parallel.For(0, validationCache.Length, i => validationCache[i] = validationSource.Create(i));
        }

        return validationCache[start..(start + count)];
    }

    private Task<TrainingSample[]> Prefetch(long step) =>
        Task.Run(() => Generate(trainSource, step * options.BatchSize, options.BatchSize));

    private static TrainingSample[] Generate(ITrainingSampleSource source, long first, int count)
    {
        var samples = new TrainingSample[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = source.Create(first + i);
        }

        return samples;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Directory} at step {Step} (best exact match {Best:P2})")]
    private static partial void LogResuming(ILogger logger, string directory, long step, double best);

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step}/{Total}: hold-out exact match {ExactMatch:P2} (best {Best:P2} at step {BestStep}), CTC {Ctc:F4}")]
    private static partial void LogValidation(ILogger logger, long step, long total, double exactMatch, double best, long bestStep, double ctc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped at step {Step}; run again with --resume to continue")]
    private static partial void LogStopped(ILogger logger, long step);
}
