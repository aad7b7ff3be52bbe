using System.Collections.Concurrent;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Publishing.Status;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The pipeline's counters and recent latencies, fed by every stage and read by the status publisher
/// (as its <see cref="IAgentStatusSource"/>) and by tests. Thread-safe.
/// </summary>
public sealed class PipelineStatistics(TimeProvider time) : IAgentStatusSource
{
    private const int LatencyWindow = 1024;
    private readonly ConcurrentDictionary<string, CameraCounters> _cameras = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly double[] _latencies = new double[LatencyWindow];
    private readonly Dictionary<string, (long Processed, long Timestamp)> _fpsBase = new(StringComparer.Ordinal);
    private int _latencyCount;
    private int _latencyNext;
    private long _recognitionErrors;
    private long _eventsDecided;
    private long _suppressedRepeats;
    private long _droppedInvalid;
    private string? _lastError;

    public string? Model { get; internal set; }

    public string? Backend { get; internal set; }

    public IReadOnlyCollection<CameraCounters> Cameras => [.. _cameras.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public long FramesDropped => _cameras.Values.Sum(c => c.FramesDropped);

    public long RecognitionErrors => Interlocked.Read(ref _recognitionErrors);

    /// <summary>Plate events handed to the durable sink.</summary>
    public long EventsDecided => Interlocked.Read(ref _eventsDecided);

    public long SuppressedRepeats => Interlocked.Read(ref _suppressedRepeats);

    public long DroppedInvalid => Interlocked.Read(ref _droppedInvalid);

    public string? LastError => Volatile.Read(ref _lastError);

    public CameraCounters Camera(string id) => _cameras.GetOrAdd(id, static id => new CameraCounters(id));

    internal void Error(string message) => Volatile.Write(ref _lastError, message);

    internal void RecognitionFailed(string message)
    {
        Interlocked.Increment(ref _recognitionErrors);
        Error(message);
    }

    internal void EventDecided() => Interlocked.Increment(ref _eventsDecided);

    internal void TrackerDrops(long suppressedRepeats, long droppedInvalid)
    {
        Interlocked.Add(ref _suppressedRepeats, suppressedRepeats);
        Interlocked.Add(ref _droppedInvalid, droppedInvalid);
    }

    /// <summary>Records one frame's capture-to-vote latency.</summary>
    internal void Latency(TimeSpan latency)
    {
        lock (_gate)
        {
            _latencies[_latencyNext] = latency.TotalMilliseconds;
            _latencyNext = (_latencyNext + 1) % LatencyWindow;
            _latencyCount = Math.Min(_latencyCount + 1, LatencyWindow);
        }
    }

    /// <summary>The given percentile (0–100) of the recent latencies in ms, null when none was measured.</summary>
    public double? LatencyPercentile(double percentile)
    {
        double[] sorted;
        lock (_gate)
        {
            if (_latencyCount == 0)
            {
                return null;
            }

            sorted = _latencies[.._latencyCount];
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public PipelineStatus GetPipelineStatus()
    {
        var now = time.GetTimestamp();
        var cameras = new List<CameraStatus>();
        lock (_gate)
        {
            foreach (var camera in Cameras)
            {
                var processed = camera.FramesProcessed;
                var fps = 0.0;
                if (_fpsBase.TryGetValue(camera.Id, out var previous))
                {
                    var seconds = time.GetElapsedTime(previous.Timestamp, now).TotalSeconds;
                    fps = seconds > 0 ? (processed - previous.Processed) / seconds : 0;
                }

                _fpsBase[camera.Id] = (processed, now);
                cameras.Add(new CameraStatus(camera.Id, camera.State == CameraState.Running, Math.Round(fps, 2), camera.FramesDropped, camera.LastError));
            }
        }

        return new PipelineStatus
        {
            Cameras = cameras,
            LatencyP50Ms = LatencyPercentile(50),
            LatencyP95Ms = LatencyPercentile(95),
            FramesDropped = FramesDropped,
            Model = Model,
            Backend = Backend,
            LastError = LastError,
        };
    }
}
