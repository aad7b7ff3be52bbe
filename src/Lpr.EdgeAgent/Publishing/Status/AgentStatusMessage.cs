using System.Text.Json.Serialization;

namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>
/// The retained message on <c>&lt;prefix&gt;/&lt;agentId&gt;/status</c>. <see cref="State"/> is <c>online</c> while
/// connected (re-published every <c>Lpr:Mqtt:StatusInterval</c> with fresh figures) and <c>offline</c> after a
/// clean stop or, as the broker's last will, after the agent vanished.
/// </summary>
public sealed record AgentStatusMessage
{
    public const string Online = "online";
    public const string Offline = "offline";

    public required string State { get; init; }

    public required string AgentId { get; init; }

    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset Timestamp { get; init; }

    public double? UptimeSeconds { get; init; }

    public string? Model { get; init; }

    public string? Backend { get; init; }

    public IReadOnlyList<CameraStatus>? Cameras { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP95Ms { get; init; }

    public long? FramesDropped { get; init; }

    /// <summary>Events waiting in the outbox for a PUBACK.</summary>
    public long? OutboxDepth { get; init; }

    /// <summary>Events evicted from the outbox by its size/age bounds since it was created.</summary>
    public long? OutboxEvicted { get; init; }

    /// <summary>Events published (acknowledged) since start.</summary>
    public long? EventsPublished { get; init; }

    public string? LastError { get; init; }
}
