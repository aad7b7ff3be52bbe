using System.CommandLine;
using Lpr.Synth.Options;
using Lpr.Training.Cli.Commands;
using Lpr.Training.Optimization;

namespace Lpr.Training.Cli;

/// <summary>The <c>lpr-train</c> command line: its verbs, and one line (exit 2) for input the user has to fix.</summary>
public static class LprTrain
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("lpr-train: train and export the Korean plate recognizer and plate detector (TorchSharp, workstation only)");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(QuantizationReportCommand.Create());
        root.Subcommands.Add(TrainDetectorCommand.Create());
        root.Subcommands.Add(ExportDetectorCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs the verb of <paramref name="args"/>. A bad run config, scene config, path or labels file fails with its
    /// message on <paramref name="error"/> and exit code 2, not a stack trace; anything else is a bug and keeps
    /// the default handler's trace.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await CreateRoot().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (IsInputError(e))
        {
            await error.WriteLineAsync($"lpr-train: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static bool IsInputError(Exception e) =>
        e is TrainingOptionException or SynthConfigException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException;
}
