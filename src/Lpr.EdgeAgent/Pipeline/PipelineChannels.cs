using System.Threading.Channels;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The two bounded queues between the stages. Frames: drop-oldest when full, every drop counted per
/// camera. Observations (after recognition): bounded with waiting, so recognition slows down instead of
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
            new BoundedChannelOptions(options.Value.FrameQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = false, SingleReader = false },
            dropped =>
            {
                _statistics.Camera(dropped.CameraId).Dropped();
                dropped.Release();
            });
        Observations = Channel.CreateBounded<FrameObservations>(
            new BoundedChannelOptions(options.Value.ObservationQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        if (_camerasRunning == 0)
        {
            Frames.Writer.TryComplete();
        }
    }

    public Channel<CapturedFrame> Frames { get; }

    public Channel<FrameObservations> Observations { get; }

    /// <summary>Queues a frame; with a full queue the oldest frame gives way (counted).</summary>
    public void Write(CapturedFrame frame) => Frames.Writer.TryWrite(frame);

    public void CameraFinished()
    {
        if (Interlocked.Decrement(ref _camerasRunning) == 0)
        {
            Frames.Writer.TryComplete();
        }
    }
}
