namespace Lpr.EdgeAgent.Publishing.Outbox;

/// <summary>One event waiting in the outbox; <see cref="Sequence"/> is the delivery order.</summary>
public sealed record OutboxEntry(long Sequence, string EventId, string AgentId, string CameraId, string Payload, DateTimeOffset StoredAt);
