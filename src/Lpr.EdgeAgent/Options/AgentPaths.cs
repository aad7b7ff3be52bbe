namespace Lpr.EdgeAgent.Options;

/// <summary>
/// Where relative paths of the configuration point: inputs (models, samples, known-plates file) are
/// relative to the application's directory; state (liveness file) to <c>$STATE_DIRECTORY</c> when systemd sets it.
/// </summary>
public sealed class AgentPaths(string contentRoot, string? stateDirectory)
{
    public string ContentRoot { get; } = contentRoot;

    public string StateDirectory { get; } = string.IsNullOrEmpty(stateDirectory) ? contentRoot : stateDirectory.Split(':')[0];

    public string Input(string path) => Path.IsPathRooted(path) || path.Contains("://", StringComparison.Ordinal) ? path : Path.GetFullPath(Path.Combine(ContentRoot, path));

    public string State(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(StateDirectory, path));

    /// <summary>A camera source: devices, indexes and URLs as they are, relative files and folders under the application's directory.</summary>
    public string Source(string source) =>
        source.StartsWith("/dev/", StringComparison.Ordinal) || source.All(char.IsAsciiDigit) ? source : Input(source);
}
