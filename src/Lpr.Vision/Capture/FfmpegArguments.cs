using System.Globalization;

namespace Lpr.Vision.Capture;

/// <summary>The command lines of the ffmpeg backend, one argument per entry (never joined into a shell string).</summary>
internal static class FfmpegArguments
{
    /// <summary>ffmpeg writing the first video stream as raw frames of exactly <paramref name="width"/> x <paramref name="height"/> to stdout.</summary>
    public static List<string> Capture(string source, SourceKind kind, int width, int height, FfmpegPixelFormat format)
    {
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        List<string> arguments = ["-hide_banner", "-nostdin", "-loglevel", "error"];

        // Frames come out as stored; the camera's Rotation setting turns them, as for every backend.
        arguments.Add("-noautorotate");
        if (kind == SourceKind.Device)
        {
            // Asks the camera for this mode; a camera that picks another one is scaled below.
            arguments.AddRange(["-video_size", size]);
        }

        arguments.AddRange(Input(source, kind));
        arguments.AddRange([
            "-map", "0:v:0",

            // A fixed output size: a stream that changes resolution mid-way must not shift every later frame.
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=bilinear"),
            "-pix_fmt", format == FfmpegPixelFormat.Gray8 ? "gray" : "bgr24",

            // rawvideo would otherwise get constant frame rate: duplicated or dropped frames. The capture loop thins.
            "-vsync", "passthrough",
            "-f", "rawvideo",
            "pipe:1",
        ]);
        return arguments;
    }

    /// <summary>ffprobe printing the first video stream's size as <c>WIDTHxHEIGHT</c>.</summary>
    public static List<string> Probe(string source, SourceKind kind) =>
    [
        "-hide_banner", "-loglevel", "error",
        .. Input(source, kind),
        "-select_streams", "v:0",
        "-show_entries", "stream=width,height",
        "-of", "csv=p=0:s=x",
    ];

    /// <summary>The device node of a device source (a bare index <c>N</c> is <c>/dev/videoN</c>).</summary>
    public static string DevicePath(string source) =>
        SourceKinds.IsDeviceIndex(source, out var index) ? string.Create(CultureInfo.InvariantCulture, $"/dev/video{index}") : source;

    private static List<string> Input(string source, SourceKind kind) => kind switch
    {
        SourceKind.Device => ["-f", "v4l2", "-i", DevicePath(source)],

        // UDP drops packets on busy or lossy links and smears frames; every IP camera also speaks RTSP over TCP.
        SourceKind.Stream when source.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase)
            => ["-rtsp_transport", "tcp", "-i", source],
        SourceKind.Stream => ["-i", source],

        // "file:" so that a name starting with '-' or containing ':' is still read as a file name.
        _ => ["-i", "file:" + source],
    };
}
