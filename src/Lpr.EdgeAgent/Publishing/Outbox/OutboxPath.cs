namespace Lpr.EdgeAgent.Publishing.Outbox;

/// <summary>Where the outbox file lives: absolute paths as given, relative ones under systemd's state directory if any.</summary>
public static class OutboxPath
{
    /// <summary>
    /// Resolves <c>Lpr:Outbox:Path</c>: absolute as is; relative against <c>$STATE_DIRECTORY</c> (the first entry,
    /// set by <c>StateDirectory=</c> in the unit) or else against <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public static string Resolve(string configuredPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuredPath);
        if (Path.IsPathRooted(configuredPath))
        {
            return Path.GetFullPath(configuredPath);
        }

        var stateDirectory = Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0];
        var baseDirectory = string.IsNullOrEmpty(stateDirectory) ? AppContext.BaseDirectory : stateDirectory;
        return Path.GetFullPath(Path.Combine(baseDirectory, configuredPath));
    }
}
