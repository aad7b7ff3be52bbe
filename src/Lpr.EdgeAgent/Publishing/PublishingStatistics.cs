namespace Lpr.EdgeAgent.Publishing;

/// <summary>Counters of the publishing side, read by the status message and by tests. Thread-safe.</summary>
public sealed class PublishingStatistics
{
    private long _eventsAccepted;
    private long _eventsPublished;
    private long _cropsDropped;
    private long _connections;
    private long _connectFailures;
    private string? _lastError;

    /// <summary>Events the sink stored in the outbox since start.</summary>
    public long EventsAccepted => Interlocked.Read(ref _eventsAccepted);

    /// <summary>Events acknowledged by the broker (PUBACK) since start; redeliveries count again.</summary>
    public long EventsPublished => Interlocked.Read(ref _eventsPublished);

    /// <summary>Crops removed from events because they exceeded <c>Lpr:Mqtt:MaxCropBytes</c>.</summary>
    public long CropsDropped => Interlocked.Read(ref _cropsDropped);

    /// <summary>Successful connections to the broker since start.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Failed connection attempts since start.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>The last publishing error (connection refused, publish rejected), null when none yet.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void EventAccepted() => Interlocked.Increment(ref _eventsAccepted);

    internal void EventPublished() => Interlocked.Increment(ref _eventsPublished);

    internal void CropDropped() => Interlocked.Increment(ref _cropsDropped);

    internal void Connected() => Interlocked.Increment(ref _connections);

    internal void ConnectFailed(string error)
    {
        Interlocked.Increment(ref _connectFailures);
        Error(error);
    }

    internal void Error(string error) => Volatile.Write(ref _lastError, error);
}
