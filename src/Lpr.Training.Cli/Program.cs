using System.CommandLine;
using Lpr.Training.Cli.Commands;

// `lpr-train`: train the plate recognizer and detector and export them to int8 TFLite (workstation only).
var root = new RootCommand("lpr-train: train and export the Korean plate recognizer and plate detector (TorchSharp, workstation only)");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(QuantizationReportCommand.Create());
root.Subcommands.Add(TrainDetectorCommand.Create());
root.Subcommands.Add(ExportDetectorCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
