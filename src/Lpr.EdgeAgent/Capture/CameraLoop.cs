using Lpr.Core.Imaging;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Publishing.Mqtt;
using Lpr.Vision.Capture;
using Lpr.Vision.Imaging;
using Microsoft.Extensions.Logging;

namespace Lpr.EdgeAgent.Capture;

/// <summary>
/// One camera's capture, run on its own thread: open the source, read frames, apply the frame-rate cap,
/// rotation and region of interest, hand them to the frame queue; on failure report the camera down and
/// reconnect with backoff. A finite source that ends ends the camera; nothing here stops the agent — not even a
/// capture backend whose native library cannot be loaded (that camera is down, the others keep running).
/// Every backend (OpenCV, ffmpeg, image folder) goes through this same loop, cap and reconnect.
/// </summary>
internal sealed partial class CameraLoop(
    CameraOptions camera,
    AgentPaths paths,
    IFrameSourceFactory sources,
    PipelineChannels channels,
    PipelineStatistics statistics,
    TimeProvider time,
    ILogger logger)
{
    private readonly CameraCounters _counters = statistics.Camera(camera.Id);
    private readonly TimeSpan _minInterval = TimeSpan.FromSeconds(1 / camera.MaxFps);
    private readonly PointF32[]? _roi = string.IsNullOrWhiteSpace(camera.Roi) ? null : ParsePolygon(camera.Roi);
    private RegionOfInterestMask? _mask;
    private readonly FrameBufferPool _pool = new();
    private long _sequence;

    public void Run(CancellationToken cancellationToken)
    {
        // The same exponential backoff with ±20 % jitter as the broker connection.
        var backoff = new ReconnectBackoff(camera.ReconnectInitialDelay, camera.ReconnectMaxDelay);
        var spec = new FrameSourceSpec(
            paths.Source(camera.Source),
            camera.WatchFolder,
            CaptureBackends.TryParse(camera.Backend, out var backend) ? backend : CaptureBackend.Auto,
            camera.Width,
            camera.Height);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var frames = sources.Create(spec);
                    frames.Open();
                    _counters.Connected(frames.Description);
                    LogOpened(camera.Id, frames.Description, frames.BackendName);
                    backoff.Reset();
                    if (Pump(frames, cancellationToken))
                    {
                        _counters.State = CameraState.Ended;
                        LogEnded(camera.Id, frames.Description);
                        return;
                    }

                    throw new FrameSourceException($"'{frames.Description}' ended although it is a live source.");
                }
                catch (Exception e) when (e is FrameSourceException || NativeLoadFailure.Is(e))
                {
                    // An unloadable native library would otherwise escape this thread and end the whole process.
                    var reason = e is FrameSourceException
                        ? e.Message
                        : $"the capture backend cannot be loaded ({NativeLoadFailure.Describe(e)}); use the ffmpeg backend for this camera (Backend ffmpeg, or auto)";
                    var delay = backoff.NextDelay();
                    _counters.Down(reason);
                    statistics.Error($"camera {camera.Id}: {reason}");
                    LogDown(camera.Id, reason, backoff.Failures, delay.TotalSeconds);
                    Task.Delay(delay, time, cancellationToken).GetAwaiter().GetResult();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (_counters.State != CameraState.Ended)
            {
                _counters.State = CameraState.Stopped;
            }

            channels.CameraFinished();
        }
    }

    /// <summary>
    /// Reads until the source ends (true) or is lost (throws). Cameras, streams and watched folders are thinned to the
    /// cap, files and folders paced to it; live frames (<c>Live</c>, by default those of cameras, streams and watched
    /// folders) give way under load, a recording's wait.
    /// </summary>
    private bool Pump(IFrameSource frames, CancellationToken cancellationToken)
    {
        var lastForwarded = DateTimeOffset.MinValue;
        // Pacing follows what the source is (a camera delivers in real time, a file as fast as it is read); whether a
        // frame may be dropped under load follows Live, so a recording can stand in for a camera.
        var live = camera.Live ?? frames.IsLive;
        while (true)
        {
            var read = frames.Read(cancellationToken);
            switch (read.Status)
            {
                case FrameReadStatus.EndOfStream:
                    return !frames.IsLive;
                case FrameReadStatus.Skipped:
                    _counters.Skipped(read.Error!);
                    statistics.Error($"camera {camera.Id}: {read.Error}");
                    LogSkipped(camera.Id, read.Error!);
                    continue;
            }

            var now = time.GetUtcNow();
            if (now - lastForwarded < _minInterval)
            {
                if (frames.IsLive)
                {
                    _counters.Thinned();
                    continue;
                }

                Task.Delay(lastForwarded + _minInterval - now, time, cancellationToken).GetAwaiter().GetResult();
                now = time.GetUtcNow();
            }

            lastForwarded = now;
            var image = Prepare(read);
            _counters.Captured();
            channels.Write(new CapturedFrame(camera.Id, ++_sequence, now, time.GetTimestamp(), image, _pool), live, cancellationToken);
        }
    }

    private PixelImage Prepare(FrameRead read)
    {
        // A frame the source lends (its reused buffer) is copied only now that it is kept, into a pooled buffer that
        // comes back when the frame has been processed or dropped; a rotation writes a new image anyway. The
        // mask below then draws into the camera's own copy.
        var source = read.Image!;
        PixelImage image;
        if (camera.Rotation != 0)
        {
            image = FrameTransforms.Rotate(source, camera.Rotation);
        }
        else
        {
            image = _pool.Rent(source.Width, source.Height, source.Channels);
            source.Data.AsSpan().CopyTo(image.Data);
        }
        if (_roi is not null)
        {
            if (_mask is null || _mask.Width != image.Width || _mask.Height != image.Height)
            {
                _mask = new RegionOfInterestMask(_roi, image.Width, image.Height);
            }

            _mask.Apply(image);
        }

        return image;
    }

    private static PointF32[] ParsePolygon(string text)
    {
        _ = GeometryText.TryParsePolygon(text, out var polygon);
        return polygon;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: capturing from {Source} ({Backend})")]
    private partial void LogOpened(string cameraId, string source, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: input {Source} ended")]
    private partial void LogEnded(string cameraId, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {CameraId} is down: {Reason} (failure {Failures}); retrying in {DelaySeconds:F1} s")]
    private partial void LogDown(string cameraId, string reason, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: skipped an input: {Reason}")]
    private partial void LogSkipped(string cameraId, string reason);
}
