namespace Lpr.Training.Cli.Commands;

/// <summary>The run record (<c>options.json</c>) beside a checkpoint, which the export commands need for its architecture and data.</summary>
internal static class RunRecordBeside
{
    /// <summary>The record's path, or null after writing to stderr why not (no checkpoint, or no record beside it).</summary>
    public static string? Find(FileInfo weights, string verb)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.Exists)
        {
            Console.Error.WriteLine($"{verb}: checkpoint '{weights.FullName}' does not exist.");
            return null;
        }

        var optionsPath = Path.Combine(weights.DirectoryName!, "options.json");
        if (!File.Exists(optionsPath))
        {
            Console.Error.WriteLine($"{verb}: '{optionsPath}' is missing; it records the architecture the checkpoint was trained with.");
            return null;
        }

        return optionsPath;
    }
}
