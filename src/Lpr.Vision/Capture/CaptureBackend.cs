namespace Lpr.Vision.Capture;

/// <summary>
/// Which library reads a camera's device, stream or video file (<c>Lpr:Cameras:N:Backend</c>). Image folders
/// are read by <see cref="ImageFolderFrameSource"/> whatever the choice.
/// </summary>
public enum CaptureBackend
{
    /// <summary>OpenCvSharp where its native library loads on this machine, otherwise ffmpeg.</summary>
    Auto,

    /// <summary>OpenCV's <c>VideoCapture</c> (<see cref="VideoCaptureFrameSource"/>).</summary>
    OpenCv,

    /// <summary>An <c>ffmpeg</c> child process piping raw frames (<see cref="FfmpegFrameSource"/>), for devices without OpenCvSharp's native library.</summary>
    Ffmpeg,
}

/// <summary>The configuration names of <see cref="CaptureBackend"/>: <c>auto</c>, <c>opencv</c>, <c>ffmpeg</c>.</summary>
public static class CaptureBackends
{
    public static IReadOnlyList<string> Names { get; } = ["auto", "opencv", "ffmpeg"];

    /// <summary>Parses a configured name, ignoring case; numbers and unknown names are rejected (so a typo is a start-up error, not a silent default).</summary>
    public static bool TryParse(string? name, out CaptureBackend backend)
    {
        (var known, backend) = name?.Trim().ToUpperInvariant() switch
        {
            "AUTO" => (true, CaptureBackend.Auto),
            "OPENCV" => (true, CaptureBackend.OpenCv),
            "FFMPEG" => (true, CaptureBackend.Ffmpeg),
            _ => (false, CaptureBackend.Auto),
        };
        return known;
    }
}
