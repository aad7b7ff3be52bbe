namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>
/// When the agent started, for every report of its uptime (the status message, the metrics), so they agree.
/// A singleton, created with the first hosted service that asks for it, i.e. as the host starts.
/// </summary>
public sealed class AgentUptime(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public TimeSpan Elapsed => time.GetUtcNow() - StartedAt;
}
