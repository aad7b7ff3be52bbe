using System.Diagnostics;
using Lpr.Vision.Capture;

namespace Lpr.Vision.Tests.Capture;

/// <summary>The ffmpeg backend against the real ffmpeg and ffprobe, on a video ffmpeg made itself; no network.</summary>
public sealed class FfmpegFrameSourceTests(TestVideoFixture video) : IClassFixture<TestVideoFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("lpr-ffmpeg-case-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_video_file_yields_every_frame_at_its_probed_size_in_bgr_then_ends()
    {
        using var source = new FfmpegFrameSource(video.Clip);
        source.Open();
        var ct = TestContext.Current.CancellationToken;

        var frames = 0;
        var coloured = false;
        while (source.Read(ct) is { Status: FrameReadStatus.Frame } read)
        {
            var image = read.Image!;
            Assert.Equal((TestVideoFixture.Width, TestVideoFixture.Height, 3), (image.Width, image.Height, image.Channels));
            Assert.True(read.IsBorrowed);

            // testsrc has colour bars: somewhere blue, green and red differ.
            coloured |= Enumerable.Range(0, image.Width * image.Height).Any(p => image.Data[3 * p] != image.Data[(3 * p) + 2]);
            frames++;
        }

        Assert.Equal(TestVideoFixture.Frames, frames);
        Assert.True(coloured);
        Assert.Equal((TestVideoFixture.Width, TestVideoFixture.Height), source.FrameSize);
        Assert.False(source.IsLive);
        Assert.Equal("ffmpeg", source.BackendName);
        Assert.Equal(FrameReadStatus.EndOfStream, source.Read(ct).Status);
    }

    [Fact]
    public void Gray_frames_have_content_and_change_from_frame_to_frame()
    {
        using var source = new FfmpegFrameSource(video.Clip, new FfmpegFrameSourceOptions { PixelFormat = FfmpegPixelFormat.Gray8 });
        source.Open();
        var ct = TestContext.Current.CancellationToken;

        var frames = new List<byte[]>();
        while (source.Read(ct) is { Status: FrameReadStatus.Frame } read)
        {
            Assert.Equal(1, read.Image!.Channels);
            frames.Add(read.OwnedImage().Data);
        }

        Assert.Equal(TestVideoFixture.Frames, frames.Count);
        Assert.All(frames, frame => Assert.Equal(TestVideoFixture.Width * TestVideoFixture.Height, frame.Length));
        Assert.All(frames, frame => Assert.True(frame.Distinct().Count() > 16, "a gray frame should have many levels"));
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.False(frames[i - 1].AsSpan().SequenceEqual(frames[i]), $"frames {i - 1} and {i} should differ");
        }
    }

    [Fact]
    public void A_configured_frame_size_skips_ffprobe_and_scales_every_frame()
    {
        // No ffprobe at this path: the source must not need it.
        var options = new FfmpegFrameSourceOptions { Width = 80, Height = 60, FfprobePath = "/nonexistent/ffprobe" };
        using var source = new FfmpegFrameSource(video.Clip, options);
        source.Open();
        var ct = TestContext.Current.CancellationToken;

        var frames = 0;
        while (source.Read(ct) is { Status: FrameReadStatus.Frame } read)
        {
            Assert.Equal((80, 60), (read.Image!.Width, read.Image.Height));
            frames++;
        }

        Assert.Equal(TestVideoFixture.Frames, frames);
    }

    [Theory]
    [InlineData(0, "ffprobe was not found")]
    [InlineData(64, "ffmpeg was not found")]
    public void A_missing_ffmpeg_says_how_to_install_it(int size, string expected)
    {
        var options = new FfmpegFrameSourceOptions { FfmpegPath = "/nonexistent/bin/ffmpeg", Width = size, Height = size };
        using var source = new FfmpegFrameSource(video.Clip, options);

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/bin/", error.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_an_error_naming_what_ffprobe_said()
    {
        var file = Corrupt();
        using var source = new FfmpegFrameSource(file);

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains("corrupt.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read: ffprobe said:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_with_a_configured_size_fails_its_first_read_naming_what_ffmpeg_said()
    {
        var file = Corrupt();
        using var source = new FfmpegFrameSource(file, new FfmpegFrameSourceOptions { Width = 64, Height = 48 });
        source.Open();

        var error = Assert.Throws<FrameSourceException>(() => source.Read(TestContext.Current.CancellationToken));

        Assert.Contains("corrupt.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg said:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found when processing input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_kills_ffmpeg_and_leaves_no_zombie()
    {
        // 20 frames are far more than a pipe holds: after one read ffmpeg is blocked writing, still running.
        using var source = new FfmpegFrameSource(video.Clip);
        source.Open();
        Assert.Equal(FrameReadStatus.Frame, source.Read(TestContext.Current.CancellationToken).Status);
        var pid = source.ProcessId!.Value;
        Assert.NotEqual('Z', ProcessState(pid));

        source.Dispose();

        // A zombie would keep its /proc entry (state Z) until reaped; a reaped process has none.
        Assert.True(SpinWait.SpinUntil(() => ProcessState(pid) is null, Bound), $"ffmpeg {pid} is still there (state {ProcessState(pid)}).");
        Assert.Null(source.ProcessId);
    }

    [Fact]
    public void Reopening_replaces_the_previous_ffmpeg()
    {
        using var source = new FfmpegFrameSource(video.Clip);
        source.Open();
        var first = source.ProcessId!.Value;

        source.Open();

        Assert.True(SpinWait.SpinUntil(() => ProcessState(first) is null, Bound));
        Assert.Equal(FrameReadStatus.Frame, source.Read(TestContext.Current.CancellationToken).Status);
    }

    [Fact]
    public async Task A_source_that_sends_nothing_is_lost_after_the_stall_timeout()
    {
        // A FIFO nobody writes to: ffmpeg blocks opening it, like a stream that connects and then sends nothing.
        var fifo = Fifo();
        using var source = new FfmpegFrameSource(fifo, new FfmpegFrameSourceOptions { Width = 32, Height = 32, StallTimeout = TimeSpan.FromMilliseconds(300) });
        source.Open();
        var ct = TestContext.Current.CancellationToken;

        var read = Task.Run(() => source.Read(ct), ct);
        var error = await Assert.ThrowsAsync<FrameSourceException>(() => read.WaitAsync(Bound, ct));

        Assert.Contains("delivered no frame for 0.3 s; ffmpeg was stopped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_blocked_read_stops_ffmpeg()
    {
        var fifo = Fifo();
        using var source = new FfmpegFrameSource(fifo, new FfmpegFrameSourceOptions { Width = 32, Height = 32, StallTimeout = TimeSpan.FromMinutes(1) });
        source.Open();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var read = Task.Run(() => source.Read(cancel.Token), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Bound, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Ffprobe_that_gets_no_answer_gives_up_after_the_probe_timeout()
    {
        var fifo = Fifo();
        using var source = new FfmpegFrameSource(fifo, new FfmpegFrameSourceOptions { ProbeTimeout = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains("ffprobe got no frame size", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Bound);
    }

    [Theory]
    [InlineData("/dev/video97", "Camera device '/dev/video97' does not exist")]
    [InlineData("97", "Camera device '/dev/video97' does not exist")]
    [InlineData("/nonexistent/clip.mp4", "Video file '/nonexistent/clip.mp4' does not exist")]
    public void A_missing_camera_or_file_is_a_clear_error_without_starting_ffmpeg(string missing, string expected)
    {
        using var source = new FfmpegFrameSource(missing, new FfmpegFrameSourceOptions { FfmpegPath = "/nonexistent/ffmpeg" });

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_and_streams_are_live_and_stream_passwords_are_masked()
    {
        using var stream = new FfmpegFrameSource("rtsp://admin:secret@10.0.0.2:554/stream1");

        Assert.True(stream.IsLive);
        Assert.Equal("rtsp://admin:***@10.0.0.2:554/stream1", stream.Description);
        using var device = new FfmpegFrameSource("/dev/video0");
        Assert.True(device.IsLive);
    }

    [Fact]
    public void Half_a_frame_size_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new FfmpegFrameSource(video.Clip, new FfmpegFrameSourceOptions { Width = 64 }));

        Assert.Contains("both", error.Message, StringComparison.Ordinal);
    }

    private string Corrupt()
    {
        var file = Path.Combine(_folder, "corrupt.mp4");
        File.WriteAllBytes(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        return file;
    }

    private string Fifo()
    {
        var fifo = Path.Combine(_folder, "silent.fifo");
        using var mkfifo = Process.Start("mkfifo", [fifo]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return fifo;
    }

    /// <summary>The process's state letter from /proc (R, S, Z, …), or null when there is no such process.</summary>
    private static char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}
