namespace Lpr.Vision.Capture;

/// <summary>What a camera's source is made from: the configured source string and how to treat a folder.</summary>
public sealed record FrameSourceSpec(string Source, bool WatchFolder);

/// <summary>Creates a camera's <see cref="IFrameSource"/>; the capture backend choice lives behind it.</summary>
public interface IFrameSourceFactory
{
    IFrameSource Create(FrameSourceSpec spec);
}

/// <summary>Folders become <see cref="ImageFolderFrameSource"/>; devices, URLs and video files go to OpenCV's <c>VideoCapture</c>.</summary>
public sealed class FrameSourceFactory(TimeProvider time) : IFrameSourceFactory
{
    public IFrameSource Create(FrameSourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Directory.Exists(spec.Source) || spec.Source.EndsWith('/')
            ? new ImageFolderFrameSource(spec.Source, spec.WatchFolder, time)
            : new VideoCaptureFrameSource(spec.Source);
    }
}
