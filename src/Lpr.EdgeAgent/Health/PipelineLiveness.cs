namespace Lpr.EdgeAgent.Health;

/// <summary>
/// Heartbeats of the stages that must keep moving: the vote stage ticks several times a second even
/// without input, and each recognition worker says when it started its current frame. The pipeline is
/// alive when the vote stage ticked recently and no worker is stuck on one frame. A camera that is
/// down does not make the agent dead (it reconnects by itself; a restart would not help).
/// </summary>
public sealed class PipelineLiveness(TimeProvider time)
{
    private readonly Dictionary<int, long> _workerBusySince = [];
    private readonly Lock _gate = new();
    private long _lastVoteTick = time.GetTimestamp();

    internal void VoteTick() => Interlocked.Exchange(ref _lastVoteTick, time.GetTimestamp());

    internal void WorkerBusy(int worker)
    {
        lock (_gate)
        {
            _workerBusySince[worker] = time.GetTimestamp();
        }
    }

    internal void WorkerIdle(int worker)
    {
        lock (_gate)
        {
            _workerBusySince.Remove(worker);
        }
    }

    /// <summary>Null when alive, else what is stuck.</summary>
    public string? Problem(TimeSpan stallTimeout)
    {
        var now = time.GetTimestamp();
        var silent = time.GetElapsedTime(Interlocked.Read(ref _lastVoteTick), now);
        if (silent > stallTimeout)
        {
            return $"the vote stage has not run for {silent.TotalSeconds:F0} s";
        }

        lock (_gate)
        {
            foreach (var (worker, since) in _workerBusySince)
            {
                var busy = time.GetElapsedTime(since, now);
                if (busy > stallTimeout)
                {
                    return $"recognition worker {worker} is stuck on one frame for {busy.TotalSeconds:F0} s";
                }
            }
        }

        return null;
    }
}
