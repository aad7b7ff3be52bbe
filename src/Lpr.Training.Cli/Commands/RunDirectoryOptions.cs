using System.CommandLine;

namespace Lpr.Training.Cli.Commands;

/// <summary>The options every training verb has: the run directory, a config file, resume, and a step override.</summary>
internal sealed class RunDirectoryOptions
{
    public Option<DirectoryInfo> Output { get; } = new("--out") { Description = "Run directory: checkpoints, state.json, loss-curve.png", Required = true };

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Training options JSON (defaults = the shipped run)" };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the last checkpoint in --out" };

    public Option<int?> Steps { get; } = new("--steps") { Description = "Override the number of steps of the config" };

    public void AddTo(Command command)
    {
        command.Options.Add(Output);
        command.Options.Add(Config);
        command.Options.Add(Resume);
        command.Options.Add(Steps);
    }
}
