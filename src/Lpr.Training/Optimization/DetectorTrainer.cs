using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Training.Data;
using Lpr.Training.Losses;
using Lpr.Training.Model;
using Lpr.Vision.Localization;
using Lpr.Vision.Localization.Evaluation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Optimization;

/// <summary>
/// Trains <see cref="PlateDetectorNet"/> on streamed scenes with the recognizer's machinery (the
/// shared <see cref="TrainingLoop{TSample}"/>, <see cref="CheckpointStore"/>, one-cycle AdamW, fixed
/// hold-out, best checkpoint, resumable checkpoints): CenterNet focal loss on the heatmap plus the
/// scale-relative corner L1 loss. Validation decodes the hold-out like the deployed locator (3x3
/// peaks, NMS, boxes in frame pixels) and measures AP, recall and precision at IoU 0.5 with the
/// metrics of <c>lpr eval-detect</c>; the best checkpoint is the one with the highest AP.
/// </summary>
public sealed partial class DetectorTrainer
{
    /// <summary>Detections scoring below this are not ranked for AP (they would only add false positives at the tail).</summary>
    public const float RankingFloor = 0.05f;

    /// <summary>Overlap above which the weaker of two detections is dropped (the locator's default).</summary>
    public const double NmsIou = 0.3;

    private const int MaxPeaks = 64;

    private readonly DetectorTrainingOptions options;
    private readonly ISampleSource<DetectorSample> trainSource;
    private readonly HoldOutSet<DetectorSample> holdOut;
    private readonly CheckpointStore store;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly DetectorArchitecture architecture;

    public DetectorTrainer(
        DetectorTrainingOptions options,
        ISampleSource<DetectorSample> trainSource,
        ISampleSource<DetectorSample> validationSource,
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
        architecture = options.ResolveArchitecture();
        RunOptionRules.RequireImageSize(trainSource, architecture.InputHeight, architecture.InputWidth, nameof(trainSource));

        holdOut = new HoldOutSet<DetectorSample>(validationSource, options.ValidationSamples);
        store = new CheckpointStore(outputDirectory);
        this.logger = logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
    }

    public CheckpointStore Store => store;

    /// <summary>Trains until <see cref="DetectorTrainingOptions.Steps"/> or cancellation (which saves a checkpoint first).</summary>
    public DetectorTrainingResult Run(bool resume, IProgress<DetectorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingLoop<DetectorSample>.ConfigureTorch(options);
        using var model = new PlateDetectorNet(architecture);
        if (store.LoadInitialWeights(model, options.InitialWeights, resume) is { } initial)
        {
            LogFineTuning(logger, initial);
        }

        using var optimizer = torch.optim.AdamW(model.parameters(), lr: options.MaxLearningRate, weight_decay: options.WeightDecay);
        var record = options.ToRunRecord(store.Directory);
        var state = new DetectorTrainingState { Options = record };
        if (store.Begin(resume, model, optimizer, record) is { } saved)
        {
            state = DetectorTrainingState.FromJson(saved);
            var bestSoFar = Math.Max(0, state.BestAveragePrecision);
            LogResuming(logger, store.Directory, state.Step, bestSoFar);
        }

        DetectorValidationPoint? last = null;
        model.train();
        var loop = new TrainingLoop<DetectorSample>(options, trainSource, time)
        {
            TrainStep = (samples, _) =>
            {
                using (NewDisposeScope())
                {
                    using var batch = Collate(samples);
                    optimizer.zero_grad();
                    using var output = model.forward(batch.Images);
                    var (total, heatmap, corners) = LossTerms(output, batch);
                    total.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 5.0);
                    optimizer.step();
                    return [total.item<float>(), heatmap.item<float>(), corners.item<float>()];
                }
            },
            RecordLosses = (step, mean) => state.LossHistory.Add(new DetectorLossPoint(step, mean[0], mean[1], mean[2])),
            Validate = step =>
            {
                last = Validate(model, step);
                model.train();
                state.ValidationHistory.Add(last);
                if (last.AveragePrecision > state.BestAveragePrecision)
                {
                    state = state with { BestAveragePrecision = last.AveragePrecision, BestStep = step };
                    store.SaveBest(model);
                }

                LogValidation(logger, step, options.Steps, last.AveragePrecision, last.Recall, last.Precision, options.ScoreThreshold, state.BestAveragePrecision, state.BestStep);
            },
            Checkpoint = step =>
            {
                state = state with { Step = step };
                store.SaveLast(model, optimizer, state.ToJson());
            },
            Report = s => progress?.Report(new DetectorProgress(
                s.Step, s.TotalSteps, s.Losses[0], s.Losses[1], s.Losses[2], s.LearningRate, s.MillisecondsPerStep, s.EstimatedRemaining,
                s.Validated ? last : null, state.BestAveragePrecision)),
            Stopped = step => LogStopped(logger, step),
        };

        var outcome = loop.Run(state.Step, optimizer, cancellationToken);
        return new DetectorTrainingResult(state, outcome.Step >= options.Steps, store.BestWeights, outcome.Elapsed, outcome.MillisecondsPerStep);
    }

    /// <summary>
    /// The model on the fixed hold-out, decoded as the locator decodes (peaks from <see cref="RankingFloor"/>,
    /// NMS, corners back in frame pixels): AP at IoU 0.5 over every ranked detection, recall and
    /// precision of those at or above <see cref="DetectorTrainingOptions.ScoreThreshold"/>, mean loss.
    /// </summary>
    public DetectorValidationPoint Validate(PlateDetectorNet model, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.eval();
        using var noGrad = no_grad();
        var ranked = new DetectionMetrics();
        var operating = new DetectionMetrics();
        var decoder = new PlateHeatmapDecoder(architecture.GridWidth, architecture.GridHeight, architecture.OutputStride, MaxPeaks);
        var cells = architecture.GridWidth * architecture.GridHeight;
        var peaks = new PlateDetection[MaxPeaks];
        double lossSum = 0;
        for (var start = 0; start < options.ValidationSamples; start += options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(options.BatchSize, options.ValidationSamples - start);
            var samples = holdOut.Slice(start, count);
            using var batch = Collate(samples);
            using var output = model.forward(batch.Images);
            lossSum += LossTerms(output, batch).Total.item<float>() * count;
            var heatmaps = output.HeatmapLogits.sigmoid().cpu().data<float>().ToArray();
            var corners = output.Corners.permute(0, 2, 3, 1).contiguous().cpu().data<float>().ToArray(); // NHWC, as exported
            for (var i = 0; i < count; i++)
            {
                var found = decoder.Decode(heatmaps.AsSpan(i * cells, cells), corners.AsSpan(i * cells * 8, cells * 8), RankingFloor, peaks);
                var sample = samples[i];
                var (frameWidth, frameHeight) = (architecture.InputWidth / sample.InputScale, architecture.InputHeight / sample.InputScale);
                var kept = NonMaximumSuppression.Apply(peaks.Take(found), d => FrameBox(d.Corners, sample.InputScale, frameWidth, frameHeight), d => d.Score, NmsIou, MaxPeaks);
                var labelled = sample.Plates.Select(p => FrameBox(p, sample.InputScale, frameWidth, frameHeight)).ToArray();
                var detected = kept.Select(d => (FrameBox(d.Corners, sample.InputScale, frameWidth, frameHeight), d.Score)).ToArray();
                ranked.Add(labelled, detected);
                operating.Add(labelled, [.. detected.Where(d => d.Score >= options.ScoreThreshold)]);
            }
        }

        return new DetectorValidationPoint(step, ranked.AveragePrecision(), operating.Recall, operating.Precision, lossSum / options.ValidationSamples);
    }

    private DetectorBatch Collate(IReadOnlyList<DetectorSample> samples) =>
        DetectorBatch.Collate(samples, architecture.InputHeight, architecture.InputWidth, architecture.GridHeight, architecture.GridWidth);

    private (Tensor Total, Tensor Heatmap, Tensor Corners) LossTerms(DetectorOutput output, DetectorBatch batch)
    {
        var heatmap = HeatmapFocalLoss.Compute(output.HeatmapLogits, batch.Heatmap, options.FocalAlpha, options.FocalBeta);
        var corners = CornerRegressionLoss.Compute(output.Corners, batch.Corners, batch.Weight, batch.Scale);
        return ((options.HeatmapWeight * heatmap) + (options.CornerWeight * corners), heatmap, corners);
    }

    /// <summary>A quad in input pixels as a box in frame pixels, clipped to the frame (labels and detections alike).</summary>
    private static PixelRect FrameBox(Quad quad, float inputScale, float frameWidth, float frameHeight)
    {
        var s = 1f / inputScale;
        PointF32 F(PointF32 p) => new(Math.Clamp(p.X * s, 0, frameWidth), Math.Clamp(p.Y * s, 0, frameHeight));
        return new Quad(F(quad.TopLeft), F(quad.TopRight), F(quad.BottomRight), F(quad.BottomLeft)).Bounds();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Directory} at step {Step} (best AP@0.5 {Best:P2})")]
    private static partial void LogResuming(ILogger logger, string directory, long step, double best);

    [LoggerMessage(Level = LogLevel.Information, Message = "Step {Step}/{Total}: hold-out AP@0.5 {AveragePrecision:P2}, recall {Recall:P2} precision {Precision:P2} at score {Threshold} (best AP {Best:P2} at step {BestStep})")]
    private static partial void LogValidation(ILogger logger, long step, long total, double averagePrecision, double recall, double precision, double threshold, double best, long bestStep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting from the weights {Weights} (fine-tuning)")]
    private static partial void LogFineTuning(ILogger logger, string weights);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped at step {Step}; run again with --resume to continue")]
    private static partial void LogStopped(ILogger logger, long step);
}
