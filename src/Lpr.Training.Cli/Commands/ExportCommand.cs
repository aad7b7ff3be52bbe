using System.CommandLine;
using Lpr.Core.Recognition;
using Lpr.Training.Data;
using Lpr.Training.Export;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train export CHECKPOINT --out MODEL.tflite [--calibration N]</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<FileInfo>("checkpoint") { Description = "best.weights (or last.weights) of a run directory; its options.json gives the architecture and data" };
        var output = new Option<FileInfo>("--out") { Description = "The int8 .tflite to write", Required = true };
        var samples = new Option<int?>("--calibration") { Description = "Synthetic samples used to calibrate activation ranges (default: the run's calibrationSamples, 1024 unless set)" };
        var labels = new Option<FileInfo?>("--labels") { Description = "Class order file (default models/labels.txt)" };
        var command = new Command("export", "Fold BatchNorm, quantize to int8 (per-channel weights, calibrated activations) and write an Edge-TPU-mappable .tflite")
        {
            checkpoint, output, samples, labels,
        };
        command.SetAction(parseResult =>
        {
            if (RecognizerCheckpoint.Open(parseResult.GetValue(checkpoint)!, "export") is not { } run)
            {
                return 1;
            }

            var architecture = run.Architecture;
            using var model = run.LoadModel();
            var calibrationOptions = RecognizerExport.CalibrationOptions(run.Options);
            var (calibration, other) = SampleSources.Create(calibrationOptions, LabelsFile.Resolve(parseResult.GetValue(labels)));
            try
            {
                var (bytes, _) = RecognizerExport.Export(model, calibration, parseResult.GetValue(samples) ?? run.Options.CalibrationSamples);
                var target = parseResult.GetValue(output)!.FullName;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);

                // The descriptor the recognizer needs beside the model: our crops are rendered at 128x64 and scaled
                // to [0, 1]; area averaging is how a large real crop shrinks without aliasing the strokes.
                var descriptor = ModelDescriptor.CreateDefault(architecture.InputWidth, architecture.InputHeight, interpolation: InterpolationMode.Area);
                File.WriteAllText(ModelDescriptor.PathForModel(target), descriptor.ToJson());
                Console.WriteLine($"Wrote {target} ({bytes.Length} bytes). For the Edge TPU: edgetpu_compiler {Path.GetFileName(target)} (writes {Path.GetFileNameWithoutExtension(target)}_edgetpu.tflite).");
                return 0;
            }
            finally
            {
                (calibration as IDisposable)?.Dispose();
                (other as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
