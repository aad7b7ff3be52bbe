using Lpr.Core.Imaging;
using Lpr.Vision.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Capture;

/// <summary>
/// OpenCV <c>VideoCapture</c> over a V4L2 device (<c>/dev/video0</c> or an index), an RTSP/HTTP URL or a
/// video file. Devices and streams are live (lost → reconnect); a file is finite (its end ends the camera).
/// </summary>
public sealed class VideoCaptureFrameSource : IFrameSource
{
    private readonly string _source;
    private readonly SourceKind _kind;
    private VideoCapture? _capture;
    private Mat? _buffer;
    private PixelImage? _image;

    public VideoCaptureFrameSource(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        _source = source;
        _kind = SourceKinds.Classify(source);
        Description = SourceDescription.Mask(source);
    }

    public string Description { get; }

    public bool IsLive => _kind != SourceKind.File;

    public string BackendName => "opencv";

    public void Open()
    {
        Close();
        switch (_kind)
        {
            case SourceKind.Device when !SourceKinds.IsDeviceIndex(_source, out _) && !File.Exists(_source):
                throw new FrameSourceException($"Camera device '{_source}' does not exist (is the camera plugged in, and is the agent in the 'video' group?).");
            case SourceKind.File when !File.Exists(_source):
                throw new FrameSourceException($"Video file '{_source}' does not exist.");
        }

        VideoCapture capture;
        try
        {
            capture = _kind switch
            {
                SourceKind.Device when SourceKinds.IsDeviceIndex(_source, out var index) => new VideoCapture(index, VideoCaptureAPIs.V4L2),
                SourceKind.Device => new VideoCapture(_source, VideoCaptureAPIs.V4L2),
                SourceKind.Stream => new VideoCapture(_source, VideoCaptureAPIs.FFMPEG),
                _ => new VideoCapture(_source, VideoCaptureAPIs.ANY),
            };
        }
        catch (Exception e) when (NativeLoadFailure.Is(e))
        {
            // Chosen explicitly (Backend opencv) on a machine without the native library: the camera is down, with the way out.
            throw new FrameSourceException(
                $"'{Description}' cannot be opened with OpenCV: OpenCvSharp's native library cannot be loaded ({NativeLoadFailure.Describe(e)}); use the ffmpeg capture backend (Backend ffmpeg or auto).", e);
        }

        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException(_kind switch
            {
                SourceKind.Device => $"Camera device '{Description}' cannot be opened (busy, not a capture device, or no permission).",
                SourceKind.Stream => $"Stream '{Description}' cannot be opened (unreachable, refused or not a video stream).",
                _ => $"Video file '{Description}' cannot be opened (not a video, unsupported codec, or corrupt).",
            });
        }

        _capture = capture;
        _buffer = new Mat();
        _image = null;
    }

    public FrameRead Read(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_capture is null || _buffer is null)
        {
            throw new InvalidOperationException("Open the source before reading.");
        }

        // Lent, not given: the capture loop copies what it keeps (into pooled frames), so a frame read at
        // 30 fps is not a fresh large-object allocation each time.
        if (_capture.Read(_buffer) && !_buffer.Empty())
        {
            _image = _buffer.CopyToPixelImage(_image);
            return FrameRead.Borrow(_image);
        }

        if (_kind == SourceKind.File)
        {
            return FrameRead.Ended;
        }

        throw new FrameSourceException($"'{Description}' stopped delivering frames.");
    }

    public void Dispose() => Close();

    private void Close()
    {
        _capture?.Dispose();
        _capture = null;
        _buffer?.Dispose();
        _buffer = null;
    }
}
