using Lpr.Training.Data;
using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>Checkpoint → folded float network → calibrated int8 .tflite (post-training quantization).</summary>
public static class RecognizerExport
{
    /// <summary>
    /// Folds BatchNorm, calibrates activation ranges on <paramref name="calibrationSamples"/> samples of
    /// <paramref name="calibration"/> and returns the .tflite bytes plus the folded network (the float reference).
    /// </summary>
    public static (byte[] Model, FoldedRecognizer Folded) Export(PlateRecognizerNet model, ITrainingSampleSource calibration, int calibrationSamples = 512, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationSamples, 1);
        model.eval();
        var folded = FoldedRecognizer.From(model);
        var arch = model.Architecture;
        var ranges = ActivationRanges.Calibrate(folded, Batches());
        return (TfLiteExporter.Export(folded, ranges), folded);

        IEnumerable<Tensor> Batches()
        {
            for (var start = 0; start < calibrationSamples; start += batchSize)
            {
                var count = Math.Min(batchSize, calibrationSamples - start);
                var samples = Enumerable.Range(start, count).Select(i => calibration.Create(i)).ToArray();
                using var batch = TrainingBatch.Collate(samples, arch.InputHeight, arch.InputWidth, arch.FeatureHeight, arch.FeatureWidth);
                yield return batch.Images;
            }
        }
    }
}
