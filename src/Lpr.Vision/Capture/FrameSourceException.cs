namespace Lpr.Vision.Capture;

/// <summary>A camera source that cannot be opened or was lost (missing device, unreachable stream, unreadable video).</summary>
public sealed class FrameSourceException : Exception
{
    public FrameSourceException()
    {
    }

    public FrameSourceException(string message)
        : base(message)
    {
    }

    public FrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
