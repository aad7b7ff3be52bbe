using Lpr.EdgeAgent.Capture;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>Live figures of one camera; written by its capture thread and the workers, read by status. Thread-safe.</summary>
public sealed class CameraCounters(string id)
{
    private long _captured;
    private long _dropped;
    private long _thinned;
    private long _processed;
    private long _skipped;
    private long _rejected;
    private string? _lastError;
    private string? _source;

    public string Id { get; } = id;

    public CameraState State { get; internal set; } = CameraState.Starting;

    public string? Source => Volatile.Read(ref _source);

    public long FramesCaptured => Interlocked.Read(ref _captured);

    /// <summary>Frames dropped from the full frame queue (drop-oldest).</summary>
    public long FramesDropped => Interlocked.Read(ref _dropped);

    /// <summary>Frames of a live source discarded to respect MaxFps (not an overload).</summary>
    public long FramesThinned => Interlocked.Read(ref _thinned);

    public long FramesProcessed => Interlocked.Read(ref _processed);

    /// <summary>Inputs that could not be read (an unreadable image in a folder).</summary>
    public long InputsSkipped => Interlocked.Read(ref _skipped);

    /// <summary>Locator candidates the recognizer did not confirm as plates (not valid, not confident, or a duplicate).</summary>
    public long CandidatesRejected => Interlocked.Read(ref _rejected);

    public string? LastError => Volatile.Read(ref _lastError);

    internal void Connected(string source)
    {
        Volatile.Write(ref _source, source);
        Volatile.Write(ref _lastError, null);
        State = CameraState.Running;
    }

    internal void Down(string error)
    {
        Volatile.Write(ref _lastError, error);
        State = CameraState.Down;
    }

    internal void Skipped(string error)
    {
        Interlocked.Increment(ref _skipped);
        Volatile.Write(ref _lastError, error);
    }

    internal void Captured() => Interlocked.Increment(ref _captured);

    internal void Rejected(int candidates) => Interlocked.Add(ref _rejected, candidates);

    internal void Dropped() => Interlocked.Increment(ref _dropped);

    internal void Thinned() => Interlocked.Increment(ref _thinned);

    internal void Processed() => Interlocked.Increment(ref _processed);
}
