namespace Lpr.Vision.Capture;

/// <summary>The pixel layout ffmpeg is asked to write (<c>-pix_fmt</c>); both are <see cref="Lpr.Core.Imaging.PixelImage"/> layouts.</summary>
public enum FfmpegPixelFormat
{
    /// <summary><c>bgr24</c>: 3 bytes per pixel in OpenCV's order, what the OpenCV backend delivers too.</summary>
    Bgr24,

    /// <summary><c>gray</c>: 1 byte per pixel, a third of the pipe traffic; enough for the recognizer.</summary>
    Gray8,
}

/// <summary>How <see cref="FfmpegFrameSource"/> runs ffmpeg. The defaults suit a Debian or Raspberry Pi OS device with the <c>ffmpeg</c> package.</summary>
public sealed record FfmpegFrameSourceOptions
{
    /// <summary>The ffmpeg executable: a name looked up on <c>PATH</c>, or a path.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The ffprobe executable; null = <c>ffprobe</c> beside <see cref="FfmpegPath"/> (or on <c>PATH</c> when that is a bare name).</summary>
    public string? FfprobePath { get; init; }

    /// <summary>Frame width; with <see cref="Height"/> it skips the ffprobe step and every frame is scaled to this size. 0 = probe.</summary>
    public int Width { get; init; }

    /// <summary>Frame height; see <see cref="Width"/>. 0 = probe.</summary>
    public int Height { get; init; }

    public FfmpegPixelFormat PixelFormat { get; init; } = FfmpegPixelFormat.Bgr24;

    /// <summary>A read that gets no frame for this long kills ffmpeg and reports the source lost (a stream that hangs without closing).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for ffprobe to report the frame size (a stream must answer within it).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many of ffmpeg's last stderr lines are kept to explain a failure.</summary>
    public int StderrLines { get; init; } = 8;

    internal string ResolvedFfprobePath =>
        FfprobePath ?? (Path.GetDirectoryName(FfmpegPath) is { Length: > 0 } directory ? Path.Combine(directory, "ffprobe") : "ffprobe");
}
