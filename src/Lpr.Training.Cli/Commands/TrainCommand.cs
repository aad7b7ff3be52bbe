using System.CommandLine;
using Lpr.Training.Data;
using Lpr.Training.Optimization;
using Microsoft.Extensions.Logging;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train train --out DIR [--config FILE] [--resume] [--steps N]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Run directory: checkpoints, state.json, loss-curve.png", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "Training options JSON (defaults = the shipped run)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the last checkpoint in --out" };
        var steps = new Option<int?>("--steps") { Description = "Override the number of steps of the config" };
        var labels = new Option<FileInfo?>("--labels") { Description = "Class order file (default models/labels.txt)" };
        var command = new Command("train", "Train the recognizer on streamed synthetic plates (resumable, checkpoints every few minutes)")
        {
            output, config, resume, steps, labels,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = parseResult.GetValue(config) is { } file ? TrainingOptions.Load(file.FullName) : new TrainingOptions();
            if (parseResult.GetValue(steps) is { } overrideSteps)
            {
                options = options with { Steps = overrideSteps };
            }

            var directory = parseResult.GetValue(output)!.FullName;
            return Task.FromResult(Run(options, directory, parseResult.GetValue(resume), LabelsFile.Resolve(parseResult.GetValue(labels)), cancellationToken));
        });
        return command;
    }

    private static int Run(TrainingOptions options, string directory, bool resume, string labelsPath, CancellationToken cancellationToken)
    {
        options.Validate();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("lpr-train");
        var (train, validation) = SampleSources.Create(options, labelsPath);
        try
        {
            var trainer = new RecognizerTrainer(options, train, validation, directory, logger);
            var display = new ProgressLine();
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
        }
    }

    /// <summary>
    /// One status line (loss, learning rate, exact match, ETA), rewritten in place on a terminal and
    /// printed every few hundred steps otherwise (logs of background runs stay short).
    /// </summary>
    private sealed class ProgressLine : IProgress<TrainingProgress>
    {
        private readonly bool interactive = !Console.IsOutputRedirected;
        private double? lastExactMatch;

        public void Report(TrainingProgress value)
        {
            lastExactMatch = value.ExactMatch ?? lastExactMatch;
            var every = interactive ? 5 : 200;
            if (value.Step % every != 0 && value.ExactMatch is null && value.Step != value.TotalSteps)
            {
                return;
            }

            var match = lastExactMatch is { } m ? $"{m:P2}" : "-";
            var line = $"step {value.Step}/{value.TotalSteps} loss {value.Loss:F4} (ctc {value.CtcLoss:F4}, mask {value.MaskLoss:F4}) " +
                       $"lr {value.LearningRate:E2} exact {match} {value.MillisecondsPerStep:F0} ms/step ETA {value.EstimatedRemaining:hh\\:mm\\:ss}";
            if (interactive)
            {
                Console.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 160) : 0));
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        public void Finish()
        {
            if (interactive)
            {
                Console.WriteLine();
            }
        }
    }
}
