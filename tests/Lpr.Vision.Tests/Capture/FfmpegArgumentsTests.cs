using Lpr.Vision.Capture;

namespace Lpr.Vision.Tests.Capture;

/// <summary>The command lines and the small parsers of the ffmpeg backend, without running ffmpeg.</summary>
public sealed class FfmpegArgumentsTests
{
    [Fact]
    public void A_device_is_read_through_v4l2_in_the_requested_mode()
    {
        var arguments = FfmpegArguments.Capture("2", SourceKind.Device, 640, 480, FfmpegPixelFormat.Gray8);

        Assert.Equal(["-f", "v4l2", "-i", "/dev/video2"], Following(arguments, "-f", 4));
        Assert.Equal(["-video_size", "640x480"], Following(arguments, "-video_size", 2));
        Assert.Equal(["-pix_fmt", "gray"], Following(arguments, "-pix_fmt", 2));
        Assert.Equal(["-f", "rawvideo", "pipe:1"], arguments[^3..]);
        Assert.Contains("-nostdin", arguments);
    }

    [Fact]
    public void Rtsp_goes_over_tcp_http_as_it_is_and_files_by_name_only()
    {
        var rtsp = FfmpegArguments.Capture("rtsp://admin:secret@10.0.0.2/stream1", SourceKind.Stream, 1280, 720, FfmpegPixelFormat.Bgr24);
        var http = FfmpegArguments.Capture("http://10.0.0.3/video.mjpg", SourceKind.Stream, 1280, 720, FfmpegPixelFormat.Bgr24);
        var file = FfmpegArguments.Capture("-clip:1.mp4", SourceKind.File, 1280, 720, FfmpegPixelFormat.Bgr24);

        Assert.Equal(["-rtsp_transport", "tcp", "-i", "rtsp://admin:secret@10.0.0.2/stream1"], Following(rtsp, "-rtsp_transport", 4));
        Assert.DoesNotContain("-rtsp_transport", http);
        Assert.Equal(["-i", "file:-clip:1.mp4"], Following(file, "-i", 2));
        Assert.DoesNotContain("-video_size", file);
        Assert.Equal(["-vf", "scale=1280:720:flags=bilinear", "-pix_fmt", "bgr24"], Following(file, "-vf", 4));
    }

    [Fact]
    public void Ffprobe_asks_for_the_first_video_stream_size()
    {
        var arguments = FfmpegArguments.Probe("rtsp://cam/stream", SourceKind.Stream);

        Assert.Equal(["-rtsp_transport", "tcp", "-i", "rtsp://cam/stream"], Following(arguments, "-rtsp_transport", 4));
        Assert.Equal(["-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x"], arguments[^6..]);
    }

    [Theory]
    [InlineData("160x120\n", 160, 120)]
    [InlineData("\n1920x1080x\n", 1920, 1080)]
    [InlineData("", 0, 0)]
    [InlineData("Nx120", 0, 0)]
    public void Ffprobe_output_is_parsed(string output, int width, int height)
    {
        var parsed = FfmpegProbe.TryParse(output, out var size);

        Assert.Equal(width > 0, parsed);
        Assert.Equal((width, height), size);
    }

    [Fact]
    public void Stderr_keeps_the_last_lines_without_passwords_or_addresses()
    {
        var tail = new StderrTail(2);
        tail.Add("first");
        tail.Add("[rtsp @ 0x55d0c6e4a1c0] method DESCRIBE failed: 401 Unauthorized");
        tail.Add("   ");
        tail.Add("rtsp://admin:secret@10.0.0.2/stream1: Server returned 401 Unauthorized");

        Assert.Equal(
            "[rtsp] method DESCRIBE failed: 401 Unauthorized; rtsp://admin:***@10.0.0.2/stream1: Server returned 401 Unauthorized",
            tail.Text);
        Assert.Equal(string.Empty, new StderrTail(2).Said("ffmpeg"));
    }

    private static string[] Following(List<string> arguments, string first, int count)
    {
        var at = arguments.IndexOf(first);
        Assert.True(at >= 0, $"'{first}' is missing from: {string.Join(' ', arguments)}");
        return [.. arguments.Skip(at).Take(count)];
    }
}
