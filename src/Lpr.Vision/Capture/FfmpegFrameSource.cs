using System.Diagnostics;
using System.Globalization;
using Lpr.Core.Imaging;

namespace Lpr.Vision.Capture;

/// <summary>
/// Frames from an <c>ffmpeg</c> child process: a V4L2 device (<c>/dev/video0</c> or an index), an RTSP/HTTP
/// URL or a video file, decoded by ffmpeg and piped to stdout as raw <c>bgr24</c> or <c>gray</c> frames. For
/// devices where OpenCvSharp's native library is absent (linux-arm64): only the <c>ffmpeg</c> package is needed.
/// The frame size comes from the options or from ffprobe; each read fills one reused buffer with exactly one
/// frame and lends it (<see cref="FrameRead.IsBorrowed"/>), so frames the capture loop thins cost no copy.
/// ffmpeg's last stderr lines explain every failure; the child is killed and reaped on dispose, on
/// cancellation, and when a read waits longer than <see cref="FfmpegFrameSourceOptions.StallTimeout"/>.
/// </summary>
public sealed class FfmpegFrameSource : IFrameSource
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly string _source;
    private readonly SourceKind _kind;
    private readonly FfmpegFrameSourceOptions _options;
    private readonly Lock _gate = new();
    private Process? _process;
    private Stream? _frames;
    private StderrTail _stderr;
    private PixelImage? _buffer;
    private Timer? _watchdog;
    private long _framesRead;
    private volatile bool _stalled;

    public FfmpegFrameSource(string source, FfmpegFrameSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        options ??= new FfmpegFrameSourceOptions();
        if (options.Width < 0 || options.Height < 0 || (options.Width == 0) != (options.Height == 0))
        {
            throw new ArgumentException($"Width and Height must both be positive (a fixed frame size) or both 0 (probe); were {options.Width} and {options.Height}.", nameof(options));
        }

        _source = source;
        _kind = SourceKinds.Classify(source);
        _options = options;
        _stderr = new StderrTail(options.StderrLines);
        Description = SourceDescription.Mask(source);
    }

    public string Description { get; }

    public bool IsLive => _kind != SourceKind.File;

    public string BackendName => "ffmpeg";

    /// <summary>The frame size of the open source (configured or probed); null before <see cref="Open"/>.</summary>
    public (int Width, int Height)? FrameSize => _buffer is null ? null : (_buffer.Width, _buffer.Height);

    /// <summary>The running ffmpeg's process id, for tests that check it is gone after dispose.</summary>
    internal int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _process?.Id;
            }
        }
    }

    public void Open()
    {
        Close();
        switch (_kind)
        {
            case SourceKind.Device when !File.Exists(FfmpegArguments.DevicePath(_source)):
                throw new FrameSourceException($"Camera device '{FfmpegArguments.DevicePath(_source)}' does not exist (is the camera plugged in, and is the agent in the 'video' group?).");
            case SourceKind.File when !File.Exists(_source):
                throw new FrameSourceException($"Video file '{_source}' does not exist.");
        }

        var (width, height) = _options.Width > 0
            ? (_options.Width, _options.Height)
            : FfmpegProbe.FrameSize(_options, _source, _kind, Description);
        var channels = _options.PixelFormat == FfmpegPixelFormat.Gray8 ? 1 : 3;
        if (_buffer is null || _buffer.Width != width || _buffer.Height != height || _buffer.Channels != channels)
        {
            _buffer = new PixelImage(width, height, channels, new byte[checked(width * height * channels)]);
        }

        var process = FfmpegTool.Start(_options.FfmpegPath, "ffmpeg", FfmpegArguments.Capture(_source, _kind, width, height, _options.PixelFormat));

        // A tail per process, so lines of a previous (killed) ffmpeg never explain this one's failure.
        var stderr = new StderrTail(_options.StderrLines);
        process.ErrorDataReceived += (_, line) => stderr.Add(line.Data);
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
            _stderr = stderr;
        }

        _frames = process.StandardOutput.BaseStream;
        _framesRead = 0;
        _stalled = false;
        _watchdog ??= new Timer(static state => ((FfmpegFrameSource)state!).Stalled(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public FrameRead Read(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_frames is null || _buffer is null || _watchdog is null)
        {
            throw new InvalidOperationException("Open the source before reading.");
        }

        var frame = _buffer.Data;
        int read;

        // A pipe read cannot be cancelled, but killing ffmpeg ends it: on cancellation, and when nothing arrives.
        using (cancellationToken.UnsafeRegister(static state => ((FfmpegFrameSource)state!).KillChild(), this))
        {
            _watchdog.Change(_options.StallTimeout, Timeout.InfiniteTimeSpan);
            try
            {
                read = _frames.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false);
            }
            catch (IOException)
            {
                read = 0;
            }
            finally
            {
                _watchdog.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (read == frame.Length)
        {
            _framesRead++;
            return FrameRead.Borrow(_buffer);
        }

        // ffmpeg closed its output (a partial last frame is dropped): the end of a file, or a failure.
        return Finished();
    }

    public void Dispose()
    {
        Close();
        _watchdog?.Dispose();
        _watchdog = null;
    }

    private FrameRead Finished()
    {
        var exitCode = WaitForExit();
        var said = _stderr.Said("ffmpeg");
        if (_stalled)
        {
            throw new FrameSourceException(
                $"'{Description}' delivered no frame for {_options.StallTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; ffmpeg was stopped{said}.");
        }

        // As with OpenCV, a video file that cannot be read further has ended once it gave frames: reopening
        // it would only deliver the same frames again.
        if (_kind == SourceKind.File && (exitCode == 0 || _framesRead > 0))
        {
            return FrameRead.Ended;
        }

        var exit = exitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"ffmpeg exited with code {code}") : "ffmpeg did not exit and was killed";
        throw new FrameSourceException(
            (_kind, _framesRead) switch
            {
                (SourceKind.File, _) => $"Video file '{Description}' cannot be read ({exit}){said}.",
                (SourceKind.Device, 0) => $"Camera device '{Description}' cannot be opened ({exit}){said}.",
                (SourceKind.Stream, 0) => $"Stream '{Description}' cannot be opened ({exit}){said}.",
                _ => $"'{Description}' stopped delivering frames ({exit}){said}.",
            });
    }

    /// <summary>Waits for ffmpeg's exit after its output closed, and for the rest of its stderr; null when it had to be killed.</summary>
    private int? WaitForExit()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
        }

        if (process is null)
        {
            return null;
        }

        if (process.WaitForExit(ExitWait))
        {
            // The overload without a timeout also waits until the stderr reader has seen every line.
            process.WaitForExit();
            return process.ExitCode;
        }

        FfmpegTool.Kill(process);
        return null;
    }

    private void Stalled()
    {
        _stalled = true;
        KillChild();
    }

    private void KillChild()
    {
        lock (_gate)
        {
            if (_process is { } process)
            {
                FfmpegTool.Kill(process);
            }
        }
    }

    private void Close()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        _frames = null;
        if (process is null)
        {
            return;
        }

        // Killed, then waited for: the runtime reaps it, so no zombie is left behind per reconnect.
        FfmpegTool.Kill(process);
        process.WaitForExit(ExitWait);
        process.Dispose();
    }
}
