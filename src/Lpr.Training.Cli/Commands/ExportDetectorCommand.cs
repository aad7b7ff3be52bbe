using System.CommandLine;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Model;
using Lpr.Training.Optimization;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train export-detector CHECKPOINT --out MODEL.tflite [--calibration N] [--threshold P]</c>: the model and MODEL.json beside it.</summary>
internal static class ExportDetectorCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<FileInfo>("checkpoint") { Description = "best.weights (or last.weights) of a detector run directory; its options.json gives the architecture and scenes" };
        var output = new Option<FileInfo>("--out") { Description = "The int8 .tflite to write (its descriptor goes beside it as .json)", Required = true };
        var samples = new Option<int>("--calibration") { Description = "Synthetic scenes used to calibrate activation ranges", DefaultValueFactory = _ => 512 };
        var threshold = new Option<double?>("--threshold") { Description = "The descriptor's plate-score threshold, 0..1 (default: the run's ScoreThreshold)" };
        var command = new Command("export-detector", "Fold BatchNorm, quantize to int8 (per-channel weights, calibrated activations) and write an Edge-TPU-mappable detector .tflite + descriptor")
        {
            checkpoint, output, samples, threshold,
        };
        command.SetAction(parseResult =>
        {
            var weights = parseResult.GetValue(checkpoint)!;
            if (RunRecordBeside.Find(weights, "export-detector") is not { } optionsPath)
            {
                return 1;
            }

            var options = DetectorTrainingOptions.ReadRunRecord(optionsPath);
            var scoreThreshold = parseResult.GetValue(threshold) ?? options.ScoreThreshold;
            if (!(scoreThreshold is > 0 and < 1))
            {
                Console.Error.WriteLine($"export-detector: --threshold must be between 0 and 1, got {scoreThreshold}.");
                return 2;
            }

            var architecture = options.ResolveArchitecture();
            using var model = CheckpointStore.LoadModel(weights.FullName, () => new PlateDetectorNet(architecture));
            // Calibrate on seeds used neither for training nor for the hold-out.
            using var calibration = DetectorSources.Create(options, seedOffset: 7919);
            var (bytes, _) = DetectorExport.Export(model, calibration.Train, parseResult.GetValue(samples));
            var target = parseResult.GetValue(output)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
            var descriptor = Path.ChangeExtension(target, ".json");
            File.WriteAllText(descriptor, DetectorExport.Descriptor(architecture, scoreThreshold));
            Console.WriteLine($"Wrote {target} ({bytes.Length} bytes) and {descriptor}. For the Edge TPU: edgetpu_compiler {Path.GetFileName(target)} (writes {Path.GetFileNameWithoutExtension(target)}_edgetpu.tflite).");
            return 0;
        });
        return command;
    }
}
