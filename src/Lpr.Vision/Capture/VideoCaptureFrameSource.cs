using System.Globalization;
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

    public VideoCaptureFrameSource(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        _source = source;
        _kind = Classify(source);
        Description = SourceDescription.Mask(source);
    }

    private enum SourceKind
    {
        Device,
        Stream,
        File,
    }

    public string Description { get; }

    public bool IsLive => _kind != SourceKind.File;

    public void Open()
    {
        Close();
        switch (_kind)
        {
            case SourceKind.Device when !int.TryParse(_source, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !File.Exists(_source):
                throw new FrameSourceException($"Camera device '{_source}' does not exist (is the camera plugged in, and is the agent in the 'video' group?).");
            case SourceKind.File when !File.Exists(_source):
                throw new FrameSourceException($"Video file '{_source}' does not exist.");
        }

        var capture = _kind switch
        {
            SourceKind.Device when int.TryParse(_source, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new VideoCapture(index, VideoCaptureAPIs.V4L2),
            SourceKind.Device => new VideoCapture(_source, VideoCaptureAPIs.V4L2),
            SourceKind.Stream => new VideoCapture(_source, VideoCaptureAPIs.FFMPEG),
            _ => new VideoCapture(_source, VideoCaptureAPIs.ANY),
        };
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
    }

    public FrameRead Read(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_capture is null || _buffer is null)
        {
            throw new InvalidOperationException("Open the source before reading.");
        }

        if (_capture.Read(_buffer) && !_buffer.Empty())
        {
            return FrameRead.Of(_buffer.ToPixelImage());
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

    private static SourceKind Classify(string source)
    {
        if (source.Contains("://", StringComparison.Ordinal))
        {
            return SourceKind.Stream;
        }

        return source.StartsWith("/dev/", StringComparison.Ordinal) || int.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? SourceKind.Device
            : SourceKind.File;
    }
}
