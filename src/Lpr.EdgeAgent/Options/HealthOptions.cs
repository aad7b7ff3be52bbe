namespace Lpr.EdgeAgent.Options;

/// <summary>
/// Liveness reporting (<c>Lpr:Health</c>): the systemd watchdog, an optional liveness file and optional
/// Prometheus-style metrics.
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Lpr:Health";

    public const string DefaultMetricsAddress = "127.0.0.1";

    /// <summary>
    /// File whose modification time is refreshed while the pipeline is alive (for Docker/k8s-style probes:
    /// alive when younger than a few check intervals). Relative paths go under <c>$STATE_DIRECTORY</c> when set. Empty = none.
    /// </summary>
    public string? LivenessFile { get; set; }

    /// <summary>The pipeline counts as stalled when a recognition takes, or the vote stage stays silent, longer than this.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often liveness is checked (the watchdog is fed at least twice per <c>WatchdogSec</c> regardless).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// TCP port of the Prometheus endpoint <c>GET /metrics</c>; 0 (the default) means off: no listener at all.
    /// Otherwise 1024–65535, so the service never needs the privilege to bind a low port.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>
    /// IPv4 address the metrics endpoint listens on. Loopback by default, so the figures (camera ids, model)
    /// stay on the device unless the operator opens them: <c>0.0.0.0</c> is every interface.
    /// </summary>
    public string MetricsAddress { get; set; } = DefaultMetricsAddress;
}
