using System.CommandLine;
using Lpr.Training.Cli.Commands;

// `lpr-train`: train the plate recognizer and export it to int8 TFLite (workstation only).
var root = new RootCommand("lpr-train: train and export the Korean plate recognizer (TorchSharp, workstation only)");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
