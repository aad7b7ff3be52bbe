using Lpr.Training.Data;
using Lpr.Training.Model;
using Lpr.Training.Optimization;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>Checkpoint → folded float network → calibrated int8 .tflite (post-training quantization).</summary>
public static class RecognizerExport
{
    /// <summary>Calibration samples unless told otherwise (the shipped models were calibrated on this many).</summary>
    public const int DefaultCalibrationSamples = 1024;

    /// <summary>
    /// How far below the lowest row peak a score tensor's range reaches, in logits (nats). A score feeds only a
    /// softmax or an argmax along its row, where a value this far below the row's peak weighs e^-12 ≈ 6e-6 of it:
    /// below the int8 softmax's resolution of 1/256 even summed over the 128 attention positions.
    /// </summary>
    public const float ScoreDepth = 12f;

    /// <summary>
    /// The tensors compared only within their rows: the attention logits (softmax over the positions) and the
    /// class logits (softmax and argmax over the classes). Min-max calibration spans their far negative tails
    /// (attention [-58, 17], logits [-77, 24] in the shipped model), which costs resolution at the peaks that
    /// decide; their ranges start <see cref="ScoreDepth"/> below the lowest row peak seen instead.
    /// </summary>
    public static IReadOnlySet<string> ScoreTensors { get; } = new HashSet<string>(StringComparer.Ordinal) { "attention", "logits" };

    /// <summary>
    /// The run's data at seeds used neither for training nor for the hold-out: where a run's activation
    /// ranges are calibrated, at export and during quantization-aware training alike.
    /// </summary>
    public static TrainingOptions CalibrationOptions(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Seed = options.Seed + 7919, ValidationSeed = options.ValidationSeed + 7919 };
    }

    /// <summary>
    /// Folds BatchNorm, calibrates activation ranges on <paramref name="calibrationSamples"/> samples of
    /// <paramref name="calibration"/> and returns the .tflite bytes plus the folded network (the float reference).
    /// </summary>
    public static (byte[] Model, FoldedRecognizer Folded) Export(PlateRecognizerNet model, ITrainingSampleSource calibration, int calibrationSamples = DefaultCalibrationSamples, int batchSize = 64)
    {
        var (folded, ranges) = Calibrate(model, calibration, calibrationSamples, batchSize);
        return (TfLiteExporter.Export(folded, ranges), folded);
    }

    /// <summary>The folded network and its activation ranges observed on the first <paramref name="calibrationSamples"/> samples of <paramref name="calibration"/>.</summary>
    public static (FoldedRecognizer Folded, ActivationRanges Ranges) Calibrate(PlateRecognizerNet model, ITrainingSampleSource calibration, int calibrationSamples, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return Calibrate(model, RenderCalibration(calibration, calibrationSamples), batchSize);
    }

    /// <summary>The first <paramref name="count"/> samples of a calibration source.</summary>
    public static TrainingSample[] RenderCalibration(ITrainingSampleSource calibration, int count)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Enumerable.Range(0, count).Select(i => calibration.Create(i))];
    }

    /// <summary>The folded network (evaluation statistics) and its activation ranges observed on <paramref name="samples"/>.</summary>
    public static (FoldedRecognizer Folded, ActivationRanges Ranges) Calibrate(PlateRecognizerNet model, IReadOnlyList<TrainingSample> samples, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples.Count, 1);
        // Collating batches allocates while libtorch runs: see FinalizerGate for why finalizers must wait.
        using var gate = FinalizerGate.Hold();
        var wasTraining = model.training;
        model.eval();
        var folded = FoldedRecognizer.From(model);
        var arch = model.Architecture;
        var lowestPeaks = new Dictionary<string, float>(StringComparer.Ordinal);
        var ranges = ActivationRanges.Calibrate((batch, observe) => folded.Forward(batch, (name, value) =>
        {
            observe(name, value);
            if (ScoreTensors.Contains(name))
            {
                // Rows: one per image and slot ([B, T, h, w] attention maps, [B, T, C] class scores).
                var lowest = value.flatten(2).amax([-1]).min().item<float>();
                lowestPeaks[name] = lowestPeaks.TryGetValue(name, out var seen) ? Math.Min(seen, lowest) : lowest;
            }
        }), Batches());
        foreach (var (name, peak) in lowestPeaks)
        {
            var (min, max) = ranges[name];
            ranges.Set(name, Math.Min(Math.Max(min, peak - ScoreDepth), max), max);
        }

        model.train(wasTraining);
        return (folded, ranges);

        IEnumerable<Tensor> Batches()
        {
            for (var start = 0; start < samples.Count; start += batchSize)
            {
                gate.Pass();
                var count = Math.Min(batchSize, samples.Count - start);
                using var batch = TrainingBatch.Collate([.. samples.Skip(start).Take(count)], arch.InputHeight, arch.InputWidth, arch.FeatureHeight, arch.FeatureWidth);
                yield return batch.Images;
            }
        }
    }
}
