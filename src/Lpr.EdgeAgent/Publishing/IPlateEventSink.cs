namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// The pipeline's single way to emit a plate event. When <see cref="PublishAsync"/> returns, the event is
/// durably stored (the outbox, SQLite WAL); delivery to MQTT happens afterwards, at least once and in the
/// order events were accepted, even across broker outages and agent restarts.
/// </summary>
public interface IPlateEventSink
{
    /// <summary>Stores the event durably for publication.</summary>
    /// <exception cref="ArgumentException">The event is not publishable (e.g. malformed id, topic-unsafe camera id).</exception>
    ValueTask PublishAsync(PlateEvent plateEvent, CancellationToken cancellationToken);
}
