using Lpr.Core.Imaging;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Lpr.Testing;
using Lpr.Vision.Capture;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lpr.EdgeAgent.Tests.Capture;

/// <summary>One camera's loop: every backend goes through the same cap, queue and reconnect; an unloadable backend is a down camera, not a crash.</summary>
public sealed class CameraLoopTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("lpr-loop-").FullName;
    private readonly FakeLogger _logger = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_ffmpeg_camera_is_read_through_the_loop_and_every_queued_frame_is_its_own_copy()
    {
        var clip = TestVideos.Generate(_folder, "clip.mkv", frames: 20);
        var camera = Camera(clip, maxFps: 120, backend: "ffmpeg");
        camera.Width = 80;
        camera.Height = 60;
        var (loop, channels, statistics) = Loop(camera, new FrameSourceFactory(TimeProvider.System), TimeProvider.System);

        RunBounded(loop, TestContext.Current.CancellationToken);

        var frames = Drain(channels);
        Assert.Equal(CameraState.Ended, statistics.Camera("gate").State);
        Assert.Equal(20, frames.Count);
        Assert.Equal(20, statistics.Camera("gate").FramesCaptured);
        Assert.All(frames, f => Assert.Equal((80, 60, 3), (f.Image.Width, f.Image.Height, f.Image.Channels)));

        // Borrowed from ffmpeg's one buffer, each queued frame must have been copied: distinct arrays and contents.
        Assert.Equal(20, frames.Select(f => f.Image.Data).Distinct().Count());
        Assert.False(frames[0].Image.Data.AsSpan().SequenceEqual(frames[^1].Image.Data));
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("capturing from", StringComparison.Ordinal) && r.Message.EndsWith("(ffmpeg)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_source_lending_its_buffer_is_thinned_to_max_fps_and_kept_frames_are_copies()
    {
        // 10 fps cap, a frame every 40 ms: frames at 0, 120 and 240 ms pass, the ones between are thinned.
        var time = new FakeTimeProvider();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var source = new LendingSource(time, TimeSpan.FromMilliseconds(40), frames: 7, stop);
        var (loop, channels, statistics) = Loop(Camera("/dev/video0", maxFps: 10), new SingleSourceFactory(source), time);

        RunBounded(loop, stop.Token);

        var frames = Drain(channels);
        Assert.Equal([0, 3, 6], frames.Select(f => (int)f.Image.Data[0]));
        Assert.Equal(4, statistics.Camera("gate").FramesThinned);
        Assert.Equal(CameraState.Stopped, statistics.Camera("gate").State);
    }

    [Fact]
    public void A_native_library_that_cannot_load_marks_the_camera_down_and_is_retried_instead_of_ending_the_process()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var factory = new UnloadableFactory();
        var (loop, _, statistics) = Loop(Camera("/dev/video0", maxFps: 10), factory, TimeProvider.System);

        var thread = new Thread(() => loop.Run(stop.Token)) { IsBackground = true };
        thread.Start();
        Assert.True(SpinWait.SpinUntil(() => factory.Attempts >= 3, Bound), "the loop should keep reconnecting");
        var counters = statistics.Camera("gate");
        Assert.Equal(CameraState.Down, counters.State);
        stop.Cancel();
        Assert.True(thread.Join(Bound));

        Assert.Contains("the capture backend cannot be loaded", counters.LastError, StringComparison.Ordinal);
        Assert.Contains("Unable to load shared library 'OpenCvSharpExtern'", counters.LastError, StringComparison.Ordinal);
        Assert.Contains("ffmpeg", counters.LastError, StringComparison.Ordinal);
        Assert.Contains("camera gate: the capture backend cannot be loaded", statistics.LastError, StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("Camera gate is down", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_ffmpeg_marks_the_camera_down_with_the_install_command()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var clip = Path.Combine(_folder, "any.mkv");
        File.WriteAllBytes(clip, [0]);
        var camera = Camera(clip, maxFps: 10, backend: "ffmpeg");
        var factory = new SingleSourceFactory(new FfmpegFrameSource(clip, new FfmpegFrameSourceOptions { FfmpegPath = "/nonexistent/ffmpeg" }));
        var (loop, _, statistics) = Loop(camera, factory, TimeProvider.System);

        var thread = new Thread(() => loop.Run(stop.Token)) { IsBackground = true };
        thread.Start();
        Assert.True(SpinWait.SpinUntil(() => statistics.Camera("gate").State == CameraState.Down, Bound));
        stop.Cancel();
        Assert.True(thread.Join(Bound));

        Assert.Contains("sudo apt-get install ffmpeg", statistics.Camera("gate").LastError, StringComparison.Ordinal);
    }

    private static CameraOptions Camera(string source, double maxFps, string backend = "auto") => new()
    {
        Id = "gate",
        Source = source,
        MaxFps = maxFps,
        WatchFolder = false,
        Backend = backend,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    private (CameraLoop Loop, PipelineChannels Channels, PipelineStatistics Statistics) Loop(CameraOptions camera, IFrameSourceFactory factory, TimeProvider time)
    {
        var cameras = new CamerasOptions();
        cameras.Cameras.Add(camera);
        var statistics = new PipelineStatistics(time);
        var channels = new PipelineChannels(
            Microsoft.Extensions.Options.Options.Create(new PipelineOptions { FrameQueueCapacity = 64 }),
            Microsoft.Extensions.Options.Options.Create(cameras),
            statistics);
        return (new CameraLoop(camera, new AgentPaths(_folder, null), factory, channels, statistics, time, _logger), channels, statistics);
    }

    private static void RunBounded(CameraLoop loop, CancellationToken cancellationToken)
    {
        var thread = new Thread(() => loop.Run(cancellationToken)) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(Bound), "the camera loop should have finished");
    }

    private static List<CapturedFrame> Drain(PipelineChannels channels)
    {
        var frames = new List<CapturedFrame>();
        while (channels.Frames.Reader.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private sealed class SingleSourceFactory(IFrameSource source) : IFrameSourceFactory
    {
        public IFrameSource Create(FrameSourceSpec spec) => source;
    }

    /// <summary>What a camera sees on linux-arm64 when OpenCvSharp's native library is absent.</summary>
    private sealed class UnloadableFactory : IFrameSourceFactory
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public IFrameSource Create(FrameSourceSpec spec)
        {
            Interlocked.Increment(ref _attempts);
            throw new TypeInitializationException(
                "OpenCvSharp.Internal.NativeMethods",
                new InvalidOperationException("P/Invoke failed", new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern'")));
        }
    }

    /// <summary>A live source that, like the ffmpeg backend, lends one buffer; it writes the frame number into it and advances time.</summary>
    private sealed class LendingSource(FakeTimeProvider time, TimeSpan frameInterval, int frames, CancellationTokenSource stop) : IFrameSource
    {
        private readonly PixelImage _buffer = new(4, 2, 1, new byte[8]);
        private int _read;

        public string Description => "fake";

        public bool IsLive => true;

        public string BackendName => "fake";

        public void Open()
        {
        }

        public FrameRead Read(CancellationToken cancellationToken)
        {
            if (_read == frames)
            {
                stop.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_read > 0)
            {
                time.Advance(frameInterval);
            }

            Array.Fill(_buffer.Data, (byte)_read++);
            return FrameRead.Borrow(_buffer);
        }

        public void Dispose()
        {
        }
    }
}
