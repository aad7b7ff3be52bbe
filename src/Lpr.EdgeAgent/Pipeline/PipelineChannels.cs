using System.Threading.Channels;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The two bounded queues between the stages. Frames: a live camera's frame makes the oldest queued frame give
/// way when the queue is full (every drop counted per camera), so recognition always works on recent frames; a
/// recording's frame waits for room, so a video file or image folder is read completely however slow the
/// recognizer. Observations (after recognition): bounded with waiting, so recognition slows down instead of
/// losing a reading. When every camera has finished (finite inputs) the frame queue is completed, and the
/// completion flows through the stages.
/// </summary>
internal sealed class PipelineChannels
{
    private readonly PipelineStatistics _statistics;
    private int _camerasRunning;

    public PipelineChannels(IOptions<PipelineOptions> options, IOptions<CamerasOptions> cameras, PipelineStatistics statistics)
    {
        _statistics = statistics;
        _camerasRunning = cameras.Value.Cameras.Count;
        Frames = Channel.CreateBounded<CapturedFrame>(
            new BoundedChannelOptions(options.Value.FrameQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false, SingleReader = false });
        Observations = Channel.CreateBounded<FrameObservations>(
            new BoundedChannelOptions(options.Value.ObservationQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        if (_camerasRunning == 0)
        {
            Frames.Writer.TryComplete();
        }
    }

    public Channel<CapturedFrame> Frames { get; }

    public Channel<FrameObservations> Observations { get; }

    /// <summary>
    /// Queues a frame. With a full queue, a <paramref name="live"/> frame takes the place of the oldest (which is
    /// counted as dropped and released); any other waits until a worker takes a frame or <paramref name="cancellationToken"/>
    /// ends the wait (then it is released and <see cref="OperationCanceledException"/> thrown).
    /// </summary>
    public void Write(CapturedFrame frame, bool live, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!live)
        {
            try
            {
                Frames.Writer.WriteAsync(frame, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                frame.Release();
                throw;
            }

            return;
        }

        while (!Frames.Writer.TryWrite(frame))
        {
            if (Frames.Reader.TryRead(out var oldest))
            {
                _statistics.Camera(oldest.CameraId).Dropped();
                oldest.Release();
            }
            else if (Frames.Reader.Completion.IsCompleted)
            {
                // Every camera has finished: nobody reads any more.
                frame.Release();
                return;
            }
        }
    }

    public void CameraFinished()
    {
        if (Interlocked.Decrement(ref _camerasRunning) == 0)
        {
            Frames.Writer.TryComplete();
        }
    }
}
