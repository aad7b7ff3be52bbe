using Lpr.Core.Imaging;

namespace Lpr.Vision.Capture;

/// <summary>What one <see cref="IFrameSource.Read"/> produced.</summary>
public enum FrameReadStatus
{
    /// <summary>A frame was read.</summary>
    Frame,

    /// <summary>One input (an image of a folder) was unreadable and skipped; the source goes on. The reason is in <see cref="FrameRead.Error"/>.</summary>
    Skipped,

    /// <summary>A finite source (a video file, an image folder that is not watched) has no more frames.</summary>
    EndOfStream,
}

/// <summary>The result of one read: a frame, a skipped input with its reason, or the end of the stream.</summary>
public readonly record struct FrameRead(FrameReadStatus Status, PixelImage? Image, string? Error)
{
    public static FrameRead Ended { get; } = new(FrameReadStatus.EndOfStream, null, null);

    public static FrameRead Of(PixelImage image) => new(FrameReadStatus.Frame, image, null);

    public static FrameRead Skip(string reason) => new(FrameReadStatus.Skipped, null, reason);
}

/// <summary>
/// One camera's frames (a V4L2 device, an RTSP/HTTP stream, a video file, an image folder). A backend
/// (OpenCV <c>VideoCapture</c> today, an ffmpeg pipe later) implements it; the agent's camera loop owns
/// the thread, the frame-rate cap, rotation, region of interest and reconnection. Not thread-safe.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>The source as configured, for logs and status (credentials in URLs are masked).</summary>
    string Description { get; }

    /// <summary>Whether the source is expected to run forever: when a live source ends or fails the agent reconnects.</summary>
    bool IsLive { get; }

    /// <summary>Opens the device, stream or file; throws <see cref="FrameSourceException"/> with the reason when it cannot.</summary>
    void Open();

    /// <summary>
    /// Blocks until the next frame. Throws <see cref="FrameSourceException"/> when a live source is lost
    /// (the caller reconnects) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    FrameRead Read(CancellationToken cancellationToken);
}
