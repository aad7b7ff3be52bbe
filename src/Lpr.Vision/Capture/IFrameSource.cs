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

/// <summary>
/// The result of one read: a frame, a skipped input with its reason, or the end of the stream. A frame is the
/// caller's to keep, unless <see cref="IsBorrowed"/>: then it is the source's reused buffer, valid until the next
/// read or dispose, so a frame that is thinned away costs no copy; <see cref="OwnedImage"/> copies it when kept.
/// </summary>
public readonly record struct FrameRead(FrameReadStatus Status, PixelImage? Image, string? Error)
{
    public static FrameRead Ended { get; } = new(FrameReadStatus.EndOfStream, null, null);

    /// <summary>Whether <see cref="Image"/> is the source's buffer, overwritten by the next read.</summary>
    public bool IsBorrowed { get; init; }

    public static FrameRead Of(PixelImage image) => new(FrameReadStatus.Frame, image, null);

    /// <summary>A frame in the source's reused buffer (see <see cref="IsBorrowed"/>).</summary>
    public static FrameRead Borrow(PixelImage buffer) => new(FrameReadStatus.Frame, buffer, null) { IsBorrowed = true };

    public static FrameRead Skip(string reason) => new(FrameReadStatus.Skipped, null, reason);

    /// <summary>The frame as an image the caller may keep: <see cref="Image"/> itself, or a copy of it when borrowed.</summary>
    public PixelImage OwnedImage()
    {
        var image = Image ?? throw new InvalidOperationException($"A {Status} read has no image.");
        return IsBorrowed ? new PixelImage(image.Width, image.Height, image.Channels, image.Data.AsSpan().ToArray()) : image;
    }
}

/// <summary>
/// One camera's frames (a V4L2 device, an RTSP/HTTP stream, a video file, an image folder). A backend
/// (OpenCV <c>VideoCapture</c>, an ffmpeg pipe) implements it; the agent's camera loop owns
/// the thread, the frame-rate cap, rotation, region of interest and reconnection. Not thread-safe.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>The source as configured, for logs and status (credentials in URLs are masked).</summary>
    string Description { get; }

    /// <summary>Whether the source is expected to run forever: when a live source ends or fails the agent reconnects.</summary>
    bool IsLive { get; }

    /// <summary>What reads it, for logs: <c>opencv</c>, <c>ffmpeg</c> or <c>folder</c>.</summary>
    string BackendName { get; }

    /// <summary>Opens the device, stream or file; throws <see cref="FrameSourceException"/> with the reason when it cannot.</summary>
    void Open();

    /// <summary>
    /// Blocks until the next frame. Throws <see cref="FrameSourceException"/> when a live source is lost
    /// (the caller reconnects) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    FrameRead Read(CancellationToken cancellationToken);
}
