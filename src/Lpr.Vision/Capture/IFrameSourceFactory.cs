namespace Lpr.Vision.Capture;

/// <summary>
/// What a camera's source is made from: the configured source string, how to treat a folder, the capture
/// backend and (for ffmpeg; 0 = probe with ffprobe) the frame size.
/// </summary>
public sealed record FrameSourceSpec(string Source, bool WatchFolder, CaptureBackend Backend = CaptureBackend.Auto, int Width = 0, int Height = 0);

/// <summary>Creates a camera's <see cref="IFrameSource"/>; the capture backend choice lives behind it.</summary>
public interface IFrameSourceFactory
{
    IFrameSource Create(FrameSourceSpec spec);
}

/// <summary>
/// Folders become <see cref="ImageFolderFrameSource"/>; devices, URLs and video files go to OpenCV's
/// <c>VideoCapture</c> or to an ffmpeg pipe as the spec's backend says. <c>auto</c> takes OpenCV where its
/// native library loads (probed once per process) and ffmpeg elsewhere, e.g. on linux-arm64.
/// </summary>
public sealed class FrameSourceFactory : IFrameSourceFactory
{
    private readonly TimeProvider _time;
    private readonly Func<string?> _openCvProblem;
    private readonly FfmpegFrameSourceOptions _ffmpeg;

    public FrameSourceFactory(TimeProvider time)
        : this(time, static () => OpenCvRuntime.LoadProblem, new FfmpegFrameSourceOptions())
    {
    }

    /// <param name="openCvProblem">Null when OpenCvSharp loads, else why not (tests stand in for a device without it).</param>
    internal FrameSourceFactory(TimeProvider time, Func<string?> openCvProblem, FfmpegFrameSourceOptions ffmpeg)
    {
        _time = time;
        _openCvProblem = openCvProblem;
        _ffmpeg = ffmpeg;
    }

    public IFrameSource Create(FrameSourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Directory.Exists(spec.Source) || spec.Source.EndsWith('/'))
        {
            return new ImageFolderFrameSource(spec.Source, spec.WatchFolder, _time);
        }

        return Resolve(spec.Backend) == CaptureBackend.Ffmpeg
            ? new FfmpegFrameSource(spec.Source, _ffmpeg with { Width = spec.Width, Height = spec.Height })
            : CreateOpenCv(spec.Source);
    }

    /// <summary>The backend a device, stream or file of this choice is read with.</summary>
    public CaptureBackend Resolve(CaptureBackend backend) => backend switch
    {
        CaptureBackend.Auto => _openCvProblem() is null ? CaptureBackend.OpenCv : CaptureBackend.Ffmpeg,
        _ => backend,
    };

    // Kept out of Create so that compiling Create never resolves the OpenCV-backed type on a device without it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static VideoCaptureFrameSource CreateOpenCv(string source) => new(source);
}
