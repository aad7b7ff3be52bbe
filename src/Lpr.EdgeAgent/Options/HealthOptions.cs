namespace Lpr.EdgeAgent.Options;

/// <summary>Liveness reporting (<c>Lpr:Health</c>): the systemd watchdog and an optional liveness file.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Lpr:Health";

    /// <summary>
    /// File whose modification time is refreshed while the pipeline is alive (for Docker/k8s-style probes:
    /// alive when younger than a few check intervals). Relative paths go under <c>$STATE_DIRECTORY</c> when set. Empty = none.
    /// </summary>
    public string? LivenessFile { get; set; }

    /// <summary>The pipeline counts as stalled when a recognition takes, or the vote stage stays silent, longer than this.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often liveness is checked (the watchdog is fed at least twice per <c>WatchdogSec</c> regardless).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
