using Lpr.Core.Plates;
using Lpr.Core.Tracking;
using Lpr.EdgeAgent.Health;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The vote stage: one <see cref="PlateTracker"/> per camera turns the readings of successive frames into
/// vehicle passes, each pass becomes a <see cref="PlateEvent"/> handed to the durable sink. It ticks a few
/// times a second without input too, so tracks end on time and the liveness heartbeat keeps beating. When
/// the input ends it publishes the open tracks and, with <c>Lpr:Pipeline:ExitWhenInputEnds</c>, waits for
/// the outbox to drain and stops the agent. Events are never dropped: a failing sink is retried.
/// </summary>
internal sealed partial class PlateVoteService(
    PipelineChannels channels,
    IOptions<PlateTrackerOptions> tracking,
    IOptions<PipelineOptions> pipeline,
    PlateEventFactory events,
    IPlateEventSink sink,
    SqliteOutbox outbox,
    PipelineStatistics statistics,
    PipelineLiveness liveness,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PlateVoteService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, PlateTracker> _trackers = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = channels.Observations.Reader;
        var inputEnded = false;
        Task<bool>? waiting = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                waiting ??= reader.WaitToReadAsync(stoppingToken).AsTask();
                await Task.WhenAny(waiting, Task.Delay(Tick, time, stoppingToken)).ConfigureAwait(false);
                liveness.VoteTick();
                if (waiting.IsCompleted)
                {
                    if (!await waiting.ConfigureAwait(false))
                    {
                        inputEnded = true;
                        break;
                    }

                    waiting = null;
                    while (reader.TryRead(out var frame))
                    {
                        await PublishAsync(frame.CameraId, Tracker(frame.CameraId).Observe(frame.CapturedAt, frame.Observations), stoppingToken).ConfigureAwait(false);
                        statistics.Latency(time.GetElapsedTime(frame.CapturedTimestamp));
                    }
                }

                foreach (var (cameraId, tracker) in _trackers)
                {
                    await PublishAsync(cameraId, tracker.Expire(), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to publish the open tracks.
        }

        // The outbox is local and quick: the last passes are stored even while the host is stopping.
        foreach (var (cameraId, tracker) in _trackers)
        {
            await PublishAsync(cameraId, tracker.Flush(), CancellationToken.None).ConfigureAwait(false);
        }

        if (inputEnded && pipeline.Value.ExitWhenInputEnds)
        {
            await DrainAsync(stoppingToken).ConfigureAwait(false);
            LogInputEnded(statistics.EventsDecided);
            lifetime.StopApplication();
        }
    }

    private PlateTracker Tracker(string cameraId)
    {
        if (!_trackers.TryGetValue(cameraId, out var tracker))
        {
            tracker = new PlateTracker(tracking.Value, time, PlateGrammar.IsValid);
            _trackers[cameraId] = tracker;
        }

        return tracker;
    }

    private async Task PublishAsync(string cameraId, IReadOnlyList<PlatePass> passes, CancellationToken cancellationToken)
    {
        var tracker = _trackers[cameraId];
        statistics.TrackerDrops(tracker.SuppressedRepeats - _reportedSuppressed.GetValueOrDefault(cameraId), tracker.DroppedInvalid - _reportedInvalid.GetValueOrDefault(cameraId));
        _reportedSuppressed[cameraId] = tracker.SuppressedRepeats;
        _reportedInvalid[cameraId] = tracker.DroppedInvalid;
        foreach (var pass in passes)
        {
            var plateEvent = events.Create(cameraId, pass);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await sink.PublishAsync(plateEvent, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (e is not (OperationCanceledException or ArgumentException))
                {
                    // Disk full, outbox locked: the event is kept in memory and retried, never dropped.
                    statistics.Error($"outbox: {e.Message}");
                    LogSinkFailed(e, plateEvent.EventId, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), time, CancellationToken.None).ConfigureAwait(false);
                }
            }

            statistics.EventDecided();
            LogDecided(cameraId, plateEvent.Plate, plateEvent.Valid, plateEvent.Frames, plateEvent.Votes, plateEvent.EventId);
        }
    }

    private readonly Dictionary<string, long> _reportedSuppressed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reportedInvalid = new(StringComparer.Ordinal);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp();
        try
        {
            while (outbox.Count > 0 && time.GetElapsedTime(deadline) < pipeline.Value.DrainTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (outbox.Count > 0)
        {
            LogDrainTimedOut(outbox.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: plate {Plate} (valid {Valid}, {Frames} frames, {Votes} votes) as event {EventId}")]
    private partial void LogDecided(string cameraId, string plate, bool valid, int frames, int votes, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing event {EventId} failed (attempt {Attempt}); retrying")]
    private partial void LogSinkFailed(Exception exception, string eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "All inputs ended; {Events} events decided. Stopping")]
    private partial void LogInputEnded(long events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} events still wait for the broker; they stay in the outbox for the next start")]
    private partial void LogDrainTimedOut(long count);
}
