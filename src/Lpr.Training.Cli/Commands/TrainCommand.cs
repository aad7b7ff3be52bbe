using System.CommandLine;
using Lpr.Training.Data;
using Lpr.Training.Export;
using Lpr.Training.Optimization;
using Microsoft.Extensions.Logging;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train train --out DIR [--config FILE] [--resume] [--steps N]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var run = new RunDirectoryOptions();
        var labels = new Option<FileInfo?>("--labels") { Description = "Class order file (default models/labels.txt)" };
        var command = new Command("train", "Train the recognizer on streamed synthetic plates (resumable, checkpoints every few minutes)");
        run.AddTo(command);
        command.Options.Add(labels);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = parseResult.GetValue(run.Config) is { } file ? TrainingOptions.Load(file.FullName) : new TrainingOptions();
            if (parseResult.GetValue(run.Steps) is { } overrideSteps)
            {
                options = options with { Steps = overrideSteps };
            }

            var directory = parseResult.GetValue(run.Output)!.FullName;
            return Task.FromResult(Run(options, directory, parseResult.GetValue(run.Resume), LabelsFile.Resolve(parseResult.GetValue(labels)), cancellationToken));
        });
        return command;
    }

    private static int Run(TrainingOptions options, string directory, bool resume, string labelsPath, CancellationToken cancellationToken)
    {
        options.Validate();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("lpr-train");
        var (train, validation) = SampleSources.Create(options, labelsPath);
        var (calibration, unused) = options.QuantizationAware ? SampleSources.Create(RecognizerExport.CalibrationOptions(options), labelsPath) : (null, null);
        try
        {
            var trainer = new RecognizerTrainer(options, train, validation, directory, logger, calibrationSource: calibration);
            double? lastExactMatch = null;
            var display = new ProgressLine<TrainingProgress>(p => (p.Step, p.TotalSteps, p.ExactMatch is not null), p =>
            {
                lastExactMatch = p.ExactMatch ?? lastExactMatch;
                var match = lastExactMatch is { } m ? $"{m:P2}" : "-";
                return $"step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} (ctc {p.CtcLoss:F4}, mask {p.MaskLoss:F4}) " +
                       $"lr {p.LearningRate:E2} exact {match} {p.MillisecondsPerStep:F0} ms/step ETA {p.EstimatedRemaining:hh\\:mm\\:ss}";
            });
            var result = trainer.Run(resume, display, cancellationToken);
            display.Finish();
            var curve = Path.Combine(directory, "loss-curve.png");
            LossCurvePlot.Write(result.State, curve);
            Console.WriteLine(
                $"{(result.Completed ? "Finished" : "Stopped")} at step {result.State.Step}/{options.Steps}: best hold-out exact match " +
                $"{Math.Max(0, result.State.BestExactMatch):P2} at step {result.State.BestStep}, {result.MillisecondsPerStep:F0} ms/step, " +
                $"best weights {result.BestWeightsPath}, curve {curve}");
            return result.Completed ? 0 : 2;
        }
        finally
        {
            (train as IDisposable)?.Dispose();
            (validation as IDisposable)?.Dispose();
            (calibration as IDisposable)?.Dispose();
            (unused as IDisposable)?.Dispose();
        }
    }
}
