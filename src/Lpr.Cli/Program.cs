using System.CommandLine;

// `lpr`: thin verbs that parse arguments and call the libraries. One file per verb in Commands/.
var root = new RootCommand("lpr: Korean licence-plate recognition tools");
// Verbs (one line each):
root.Subcommands.Add(Lpr.Cli.Commands.PlateCheckCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.RecognizeCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.EvalCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.SynthCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.ModelInspectCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.DetectCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.EvalDetectCommand.Create());
root.Subcommands.Add(Lpr.Cli.Commands.ReadCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
