using Lpr.Vision.Capture;
using OpenCvSharp;

namespace Lpr.Vision.Tests.Capture;

public sealed class VideoCaptureFrameSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lpr-video-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_video_file_yields_its_frames_then_ends()
    {
        var file = Path.Combine(_folder, "clip.avi");
        using (var writer = new VideoWriter(file, FourCC.MJPG, 10, new Size(64, 48)))
        {
            Assert.True(writer.IsOpened());
            for (var i = 0; i < 5; i++)
            {
                using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(i * 40, 80, 160));
                writer.Write(frame);
            }
        }

        using var source = new VideoCaptureFrameSource(file);
        source.Open();
        var ct = TestContext.Current.CancellationToken;
        var frames = 0;
        while (source.Read(ct) is { Status: FrameReadStatus.Frame } read)
        {
            Assert.Equal((64, 48, 3), (read.Image!.Width, read.Image.Height, read.Image.Channels));
            frames++;
        }

        Assert.Equal(5, frames);
        Assert.False(source.IsLive);
    }

    [Fact]
    public void An_unreadable_video_is_a_clear_error()
    {
        var file = Path.Combine(_folder, "corrupt.mp4");
        File.WriteAllBytes(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        using var source = new VideoCaptureFrameSource(file);

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains("corrupt.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/video97", "does not exist")]
    [InlineData("/nonexistent/clip.mp4", "does not exist")]
    public void A_missing_camera_or_file_is_a_clear_error(string missing, string reason)
    {
        using var source = new VideoCaptureFrameSource(missing);

        var error = Assert.Throws<FrameSourceException>(source.Open);

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_and_streams_are_live_and_stream_passwords_are_masked()
    {
        using var stream = new VideoCaptureFrameSource("rtsp://admin:secret@10.0.0.2:554/stream1");

        Assert.True(stream.IsLive);
        Assert.Equal("rtsp://admin:***@10.0.0.2:554/stream1", stream.Description);
        Assert.True(new VideoCaptureFrameSource("/dev/video0").IsLive);
    }
}
