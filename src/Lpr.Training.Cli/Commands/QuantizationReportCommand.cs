using System.CommandLine;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Losses;
using Lpr.Training.Optimization;
using Lpr.Training.Quantization;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train quantization-report CHECKPOINT [--samples N] [--calibration N]</c>: where int8 loses accuracy.</summary>
internal static class QuantizationReportCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<FileInfo>("checkpoint") { Description = "best.weights (or last.weights) of a run directory" };
        var samples = new Option<int>("--samples") { Description = "Hold-out samples evaluated (the run's validation seed)", DefaultValueFactory = _ => 2000 };
        var calibration = new Option<int?>("--calibration") { Description = "Calibration samples (default: the run's calibrationSamples, as export uses)" };
        var labels = new Option<FileInfo?>("--labels") { Description = "Class order file (default models/labels.txt)" };
        var command = new Command("quantization-report", "Simulate the int8 export in float and show which tensors' rounding costs hold-out accuracy")
        {
            checkpoint, samples, calibration, labels,
        };
        command.SetAction(parseResult =>
        {
            if (RecognizerCheckpoint.Open(parseResult.GetValue(checkpoint)!, "quantization-report") is not { } run)
            {
                return 1;
            }

            var count = parseResult.GetValue(samples);
            if (count < 1)
            {
                Console.Error.WriteLine("quantization-report: --samples must be at least 1.");
                return 1;
            }

            var labelsPath = LabelsFile.Resolve(parseResult.GetValue(labels));
            var architecture = run.Architecture;
            using var model = run.LoadModel();
            var (calibrationSource, unused) = SampleSources.Create(RecognizerExport.CalibrationOptions(run.Options), labelsPath);
            var (otherSource, holdOutSource) = SampleSources.Create(run.Options, labelsPath);
            try
            {
                var (_, ranges) = RecognizerExport.Calibrate(model, calibrationSource, parseResult.GetValue(calibration) ?? run.Options.CalibrationSamples);
                var holdOut = new HoldOutSet<TrainingSample>(holdOutSource, count);
                var simulated = new QuantizationAwareRecognizer(model, ranges);
                var loss = new FocalCtcLoss(architecture.Blank, run.Options.FocalAlpha, run.Options.FocalGamma);
                model.eval();
                Console.WriteLine($"{count} hold-out samples (seed {run.Options.ValidationSeed}), int8 simulated in float:");
                var rows = QuantizationBreakdown.Measure(rounded =>
                {
                    simulated.QuantizedTensors = rounded;
                    return RecognizerEvaluation.Evaluate(simulated.Forward, holdOut.Slice, count, architecture, loss).ExactMatch;
                });
                foreach (var row in rows)
                {
                    Console.WriteLine($"  {row.Rounded,-28} {row.ExactMatch,8:P2}");
                }

                Console.WriteLine("calibrated activation ranges (per tensor):");
                foreach (var (name, (min, max)) in ranges.All)
                {
                    Console.WriteLine($"  {name,-24} [{min,9:F4}, {max,9:F4}]  step {Int8Quantization.ForActivation(min, max).Scale:F5}");
                }

                return 0;
            }
            finally
            {
                foreach (var source in new object[] { calibrationSource, unused, otherSource, holdOutSource })
                {
                    (source as IDisposable)?.Dispose();
                }
            }
        });
        return command;
    }
}
