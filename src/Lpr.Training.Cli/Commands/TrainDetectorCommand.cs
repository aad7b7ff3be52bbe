using System.CommandLine;
using Lpr.Training.Data;
using Lpr.Training.Optimization;
using Microsoft.Extensions.Logging;

namespace Lpr.Training.Cli.Commands;

/// <summary><c>lpr-train train-detector --out DIR [--config FILE] [--resume] [--steps N]</c>.</summary>
internal static class TrainDetectorCommand
{
    public static Command Create()
    {
        var run = new RunDirectoryOptions();
        var command = new Command("train-detector", "Train the plate detector on streamed synthetic scenes (resumable, checkpoints every few minutes)");
        run.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = parseResult.GetValue(run.Config) is { } file ? DetectorTrainingOptions.Load(file.FullName) : new DetectorTrainingOptions();
            if (parseResult.GetValue(run.Steps) is { } overrideSteps)
            {
                options = options with { Steps = overrideSteps };
            }

            return Task.FromResult(Run(options, parseResult.GetValue(run.Output)!.FullName, parseResult.GetValue(run.Resume), cancellationToken));
        });
        return command;
    }

    private static int Run(DetectorTrainingOptions options, string directory, bool resume, CancellationToken cancellationToken)
    {
        options.Validate();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("lpr-train");
        using var sources = DetectorSources.Create(options);
        var trainer = new DetectorTrainer(options, sources.Train, sources.Validation, directory, logger);
        DetectorValidationPoint? last = null;
        var display = new ProgressLine<DetectorProgress>(p => (p.Step, p.TotalSteps, p.Validation is not null), p =>
        {
            last = p.Validation ?? last;
            var score = last is { } v ? $"AP {v.AveragePrecision:P2} R {v.Recall:P2} P {v.Precision:P2}" : "AP -";
            return $"step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} (heatmap {p.HeatmapLoss:F4}, corners {p.CornerLoss:F4}) " +
                   $"lr {p.LearningRate:E2} {score} {p.MillisecondsPerStep:F0} ms/step ETA {p.EstimatedRemaining:hh\\:mm\\:ss}";
        });
        var result = trainer.Run(resume, display, cancellationToken);
        display.Finish();
        var curve = Path.Combine(directory, "loss-curve.png");
        LossCurvePlot.Write(result.State, curve);
        var best = result.State.ValidationHistory.FirstOrDefault(v => v.Step == result.State.BestStep);
        Console.WriteLine(
            $"{(result.Completed ? "Finished" : "Stopped")} at step {result.State.Step}/{options.Steps}: best hold-out AP@0.5 " +
            $"{Math.Max(0, result.State.BestAveragePrecision):P2} at step {result.State.BestStep}" +
            (best is null ? string.Empty : $" (recall {best.Recall:P2}, precision {best.Precision:P2} at score {options.ScoreThreshold})") +
            $", {result.MillisecondsPerStep:F0} ms/step, best weights {result.BestWeightsPath}, curve {curve}");
        return result.Completed ? 0 : 2;
    }
}
