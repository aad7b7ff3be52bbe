using Lpr.Core.Imaging;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Pipeline;

public sealed class PipelineChannelsTests
{
    private static PipelineChannels Channels(int capacity, int cameras, out PipelineStatistics statistics)
    {
        var camerasOptions = new CamerasOptions();
        for (var i = 0; i < cameras; i++)
        {
            camerasOptions.Cameras.Add(new CameraOptions { Id = $"cam{i}", Source = "x" });
        }

        statistics = new PipelineStatistics(new FakeTimeProvider());
        return new PipelineChannels(
            Microsoft.Extensions.Options.Options.Create(new PipelineOptions { FrameQueueCapacity = capacity }),
            Microsoft.Extensions.Options.Options.Create(camerasOptions),
            statistics);
    }

    private static CapturedFrame Frame(string camera, long sequence) =>
        new(camera, sequence, DateTimeOffset.UnixEpoch, 0, PixelImage.CreateGray(2, 2));

    [Fact]
    public void A_full_frame_queue_drops_the_oldest_frames_of_live_cameras_and_counts_them_per_camera()
    {
        var channels = Channels(capacity: 2, cameras: 2, out var statistics);

        for (var i = 1; i <= 5; i++)
        {
            channels.Write(Frame("cam0", i), live: true, TestContext.Current.CancellationToken);
        }

        channels.Write(Frame("cam1", 1), live: true, TestContext.Current.CancellationToken);

        var kept = new List<(string, long)>();
        while (channels.Frames.Reader.TryRead(out var frame))
        {
            kept.Add((frame.CameraId, frame.Sequence));
        }

        Assert.Equal([("cam0", 5), ("cam1", 1)], kept);
        Assert.Equal(4, statistics.Camera("cam0").FramesDropped);
        Assert.Equal(0, statistics.Camera("cam1").FramesDropped);
        Assert.Equal(4, statistics.FramesDropped);
        Assert.Equal(4, statistics.GetPipelineStatus().FramesDropped);
    }

    [Fact]
    public async Task A_recordings_frame_waits_for_room_and_nothing_is_dropped()
    {
        var channels = Channels(capacity: 2, cameras: 1, out var statistics);
        channels.Write(Frame("cam0", 1), live: false, TestContext.Current.CancellationToken);
        channels.Write(Frame("cam0", 2), live: false, TestContext.Current.CancellationToken);

        var third = Task.Run(() => channels.Write(Frame("cam0", 3), live: false, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted); // the queue is full: the recording waits
        Assert.True(channels.Frames.Reader.TryRead(out var first));
        await third.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var rest = new List<long>();
        while (channels.Frames.Reader.TryRead(out var frame))
        {
            rest.Add(frame.Sequence);
        }

        Assert.Equal(1, first.Sequence);
        Assert.Equal([2L, 3], rest);
        Assert.Equal(0, statistics.FramesDropped);
    }

    [Fact]
    public void A_waiting_recording_frame_is_released_when_the_agent_stops()
    {
        var channels = Channels(capacity: 1, cameras: 1, out _);
        channels.Write(Frame("cam0", 1), live: false, TestContext.Current.CancellationToken);
        var pool = new FrameBufferPool();
        var image = pool.Rent(2, 2, 1);
        var waiting = new CapturedFrame("cam0", 2, DateTimeOffset.UnixEpoch, 0, image, pool);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => channels.Write(waiting, live: false, stop.Token));

        Assert.Same(image.Data, pool.Rent(2, 2, 1).Data); // its buffer is back in the pool
        Assert.Equal(1, pool.Allocated);
    }

    [Fact]
    public void The_frame_queue_completes_when_the_last_camera_finishes()
    {
        var channels = Channels(capacity: 4, cameras: 2, out _);

        channels.CameraFinished();
        Assert.False(channels.Frames.Reader.Completion.IsCompleted);
        channels.CameraFinished();

        Assert.True(channels.Frames.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Latency_percentiles_cover_the_recorded_window()
    {
        var statistics = new PipelineStatistics(new FakeTimeProvider());
        Assert.Null(statistics.LatencyPercentile(50));

        for (var ms = 1; ms <= 100; ms++)
        {
            statistics.Latency(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(50, statistics.LatencyPercentile(50));
        Assert.Equal(95, statistics.LatencyPercentile(95));
    }
}
