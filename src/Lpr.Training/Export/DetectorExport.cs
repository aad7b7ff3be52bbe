using Lpr.Core.Localization;
using Lpr.Training.Data;
using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>Detector checkpoint → folded float network → calibrated int8 .tflite and its descriptor (post-training quantization).</summary>
public static class DetectorExport
{
    /// <summary>
    /// Folds BatchNorm, calibrates activation ranges on <paramref name="calibrationSamples"/> scenes of
    /// <paramref name="calibration"/> and returns the .tflite bytes plus the folded network (the float reference).
    /// </summary>
    public static (byte[] Model, FoldedDetector Folded) Export(PlateDetectorNet model, ISampleSource<DetectorSample> calibration, int calibrationSamples = 512, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationSamples, 1);
        // Rendering calibration scenes allocates while libtorch runs: see FinalizerGate for why finalizers must wait.
        using var gate = FinalizerGate.Hold();
        model.eval();
        var folded = FoldedDetector.From(model);
        var arch = model.Architecture;
        var corners = (Min: 0f, Max: 0f);
        var ranges = ActivationRanges.Calibrate((batch, observe) => folded.Forward(batch, observe), Batches());
        // The corner output only has to represent corners where plates are centred; what the head
        // says elsewhere is never read, and letting it widen the range would coarsen every corner.
        // So its range is that of the plates' corner targets (with a margin for larger plates).
        if (corners.Max > corners.Min)
        {
            ranges.Set(folded.Corners.Name, corners.Min * CornerMargin, corners.Max * CornerMargin);
        }

        return (DetectorTfLiteExporter.Export(folded, ranges), folded);

        IEnumerable<Tensor> Batches()
        {
            for (var start = 0; start < calibrationSamples; start += batchSize)
            {
                gate.Pass();
                var count = Math.Min(batchSize, calibrationSamples - start);
                var samples = Enumerable.Range(start, count).Select(i => calibration.Create(i)).ToArray();
                foreach (var sample in samples)
                {
                    corners = TargetRange(sample.Targets, corners);
                }

                using var batch = DetectorBatch.Collate(samples, arch.InputHeight, arch.InputWidth, arch.GridHeight, arch.GridWidth);
                yield return batch.Images;
            }
        }
    }

    /// <summary>Factor on the calibration scenes' corner range, for plates a little larger or more tilted than any seen.</summary>
    public const float CornerMargin = 1.25f;

    /// <summary>The range seen so far widened by the corner targets of the cells where corners are learned.</summary>
    private static (float Min, float Max) TargetRange(DetectorTargets targets, (float Min, float Max) range)
    {
        var cells = targets.Weight.Length;
        for (var cell = 0; cell < cells; cell++)
        {
            if (targets.Weight[cell] <= 0)
            {
                continue;
            }

            for (var k = 0; k < 8; k++)
            {
                var value = targets.Corners[(k * cells) + cell];
                range = (Math.Min(range.Min, value), Math.Max(range.Max, value));
            }
        }

        return range;
    }

    /// <summary>The descriptor JSON that goes beside the exported model (MODEL.json).</summary>
    public static string Descriptor(DetectorArchitecture architecture, double threshold)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return DetectorDescriptor.CreateDefault(architecture.InputWidth, architecture.InputHeight, architecture.OutputStride, (float)threshold).ToJson();
    }
}
