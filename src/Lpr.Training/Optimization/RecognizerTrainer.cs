using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Losses;
using Lpr.Training.Model;
using Lpr.Training.Quantization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>
/// Trains <see cref="PlateRecognizerNet"/> on a stream of samples: AdamW with a one-cycle cosine
/// schedule, focal CTC + auxiliary mask loss, a fixed hold-out validated every
/// <see cref="TrainingOptions.ValidateEvery"/> steps (best checkpoint kept), and a resumable
/// checkpoint every few minutes (the shared <see cref="TrainingLoop{TSample}"/>: batch k always
/// holds samples k·B … k·B+B−1 of the training source, so a resumed run continues the very same stream).
/// </summary>
public sealed partial class RecognizerTrainer
{
    private readonly TrainingOptions options;
    private readonly ITrainingSampleSource trainSource;
    private readonly CheckpointStore store;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly RecognizerArchitecture architecture;
    private readonly HoldOutSet<TrainingSample> holdOut;
    private readonly ITrainingSampleSource? calibrationSource;

    public RecognizerTrainer(
        TrainingOptions options,
        ITrainingSampleSource trainSource,
        ITrainingSampleSource validationSource,
        string outputDirectory,
        ILogger? logger = null,
        TimeProvider? time = null,
        ITrainingSampleSource? calibrationSource = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainSource);
        ArgumentNullException.ThrowIfNull(validationSource);
        options.Validate();
        this.options = options;
        this.trainSource = trainSource;
        architecture = options.ResolveArchitecture();
        RunOptionRules.RequireImageSize(trainSource, architecture.InputHeight, architecture.InputWidth, nameof(trainSource));
        if (options.QuantizationAware)
        {
            RunOptionRules.Require(calibrationSource is not null, nameof(TrainingOptions.QuantizationAware), "needs a calibration source (the export's)");
            RunOptionRules.RequireImageSize(calibrationSource!, architecture.InputHeight, architecture.InputWidth, nameof(calibrationSource));
        }

        this.calibrationSource = calibrationSource;

        holdOut = new HoldOutSet<TrainingSample>(validationSource, options.ValidationSamples);
        store = new CheckpointStore(outputDirectory);
        this.logger = logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
    }

    public CheckpointStore Store => store;

    /// <summary>Trains until <see cref="TrainingOptions.Steps"/> or cancellation (which saves a checkpoint first).</summary>
    public TrainingResult Run(bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingLoop<TrainingSample>.ConfigureTorch(options);
        using var model = new PlateRecognizerNet(architecture);
        var narrower = options.ResolveInitialArchitecture();
        Action<string>? widen = narrower is null ? null : weights =>
        {
            using var source = CheckpointStore.LoadModel(weights, narrower);
            RecognizerWidening.Widen(source, model, options.Seed);
        };
        if (store.LoadInitialWeights(model, options.InitialWeights, resume, widen) is { } initial)
        {
            if (narrower is null)
            {
                LogFineTuning(logger, initial);
            }
            else
            {
                LogWidening(logger, initial, options.InitialArchitecture!, options.Architecture);
            }
        }

        using var optimizer = torch.optim.AdamW(model.parameters(), lr: options.MaxLearningRate, weight_decay: options.WeightDecay);
        var record = options.ToRunRecord(store.Directory);
        var state = new TrainingState { Options = record };
        if (store.Begin(resume, model, optimizer, record) is { } saved)
        {
            state = TrainingState.FromJson(saved);
            var bestSoFar = Math.Max(0, state.BestExactMatch);
            LogResuming(logger, store.Directory, state.Step, bestSoFar);
        }

        var focal = new FocalCtcLoss(architecture.Blank, options.FocalAlpha, options.FocalGamma);
        var (forward, recalibrate) = Network(model);
        double lastMatch = 0;
        model.train();
        var loop = new TrainingLoop<TrainingSample>(options, trainSource, time)
        {
            TrainStep = (samples, _) =>
            {
                using (NewDisposeScope())
                {
                    using var batch = TrainingBatch.Collate(samples, architecture.InputHeight, architecture.InputWidth, architecture.FeatureHeight, architecture.FeatureWidth);
                    optimizer.zero_grad();
                    using var output = forward(batch.Images);
                    var ctcLoss = focal.Compute(output.Logits, batch.Targets, batch.TargetLengths);
                    var maskLoss = batch.Coverage is null ? zeros(1).squeeze() : MaskLoss.Compute(output.MaskLogits, batch.Coverage);
                    var total = (options.CtcWeight * ctcLoss) + (options.MaskWeight * maskLoss);
                    total.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 5.0);
                    optimizer.step();
                    return [total.item<float>(), ctcLoss.item<float>(), maskLoss.item<float>()];
                }
            },
            RecordLosses = (step, mean) => state.LossHistory.Add(new LossPoint(step, mean[0], mean[1], mean[2])),
            Validate = step =>
            {
                recalibrate();
                var (match, validationCtc) = Validate(model, forward, focal);
                model.train();
                lastMatch = match;
                state.ValidationHistory.Add(new ValidationPoint(step, match, validationCtc));
                if (match > state.BestExactMatch)
                {
                    state = state with { BestExactMatch = match, BestStep = step };
                    store.SaveBest(model);
                }

                LogValidation(logger, step, options.Steps, match, state.BestExactMatch, state.BestStep, validationCtc);
            },
            Checkpoint = step =>
            {
                state = state with { Step = step };
                store.SaveLast(model, optimizer, state.ToJson());
            },
            Report = s => progress?.Report(new TrainingProgress(
                s.Step, s.TotalSteps, s.Losses[0], s.Losses[1], s.Losses[2], s.LearningRate, s.MillisecondsPerStep, s.EstimatedRemaining,
                s.Validated ? lastMatch : null, state.BestExactMatch)),
            Stopped = step => LogStopped(logger, step),
        };

        var outcome = loop.Run(state.Step, optimizer, cancellationToken);
        return new TrainingResult(state, outcome.Step >= options.Steps, store.BestWeights, outcome.Elapsed, outcome.MillisecondsPerStep);
    }

    /// <summary>
    /// What the run trains and validates: the float model, or for a quantization-aware run its int8
    /// simulation, whose ranges <c>Recalibrate</c> brings up to date with the weights (before each
    /// validation, so the hold-out measures exactly the model an export of these weights would be).
    /// </summary>
    private (Func<Tensor, RecognizerOutput> Forward, Action Recalibrate) Network(PlateRecognizerNet model)
    {
        if (!options.QuantizationAware)
        {
            return (model.forward, () => { });
        }

        var calibration = RecognizerExport.RenderCalibration(calibrationSource!, options.CalibrationSamples);
        var simulated = new QuantizationAwareRecognizer(model, RecognizerExport.Calibrate(model, calibration).Ranges);
        LogQuantizationAware(logger, calibration.Length);
        return (simulated.Forward, () => simulated.Ranges = RecognizerExport.Calibrate(model, calibration).Ranges);
    }

    /// <summary>Exact-match rate and mean plain CTC loss of <paramref name="forward"/> on the fixed hold-out (the model in evaluation mode).</summary>
    private (double ExactMatch, double CtcLoss) Validate(PlateRecognizerNet model, Func<Tensor, RecognizerOutput> forward, FocalCtcLoss loss)
    {
        model.eval();
        return RecognizerEvaluation.Evaluate(forward, holdOut.Slice, options.ValidationSamples, architecture, loss, options.BatchSize);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Directory} at step {Step} (best exact match {Best:P2})")]
    private static partial void LogResuming(ILogger logger, string directory, long step, double best);

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step}/{Total}: hold-out exact match {ExactMatch:P2} (best {Best:P2} at step {BestStep}), CTC {Ctc:F4}")]
    private static partial void LogValidation(ILogger logger, long step, long total, double exactMatch, double best, long bestStep, double ctc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting from the weights {Weights} (fine-tuning)")]
    private static partial void LogFineTuning(ILogger logger, string weights);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting from the weights {Weights} of a '{Narrower}' model, widened into '{Wider}' with the same function")]
    private static partial void LogWidening(ILogger logger, string weights, string narrower, string wider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quantization-aware: training the int8 simulation, ranges calibrated on {Samples} samples")]
    private static partial void LogQuantizationAware(ILogger logger, int samples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped at step {Step}; run again with --resume to continue")]
    private static partial void LogStopped(ILogger logger, long step);
}
