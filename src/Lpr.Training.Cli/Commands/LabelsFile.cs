namespace Lpr.Training.Cli.Commands;

/// <summary>Finds models/labels.txt: the explicit path, else beside the executable, else under the current directory.</summary>
internal static class LabelsFile
{
    public static string Resolve(FileInfo? explicitPath)
    {
        if (explicitPath is not null)
        {
            return explicitPath.FullName;
        }

        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, "models", "labels.txt"), Path.Combine(Environment.CurrentDirectory, "models", "labels.txt") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Cannot find models/labels.txt; pass --labels FILE.");
    }
}
