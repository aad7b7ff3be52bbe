namespace Lpr.Vision.Imaging;

/// <summary>An image file or buffer that is not a readable image (truncated, wrong format, empty).</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException()
    {
    }

    public ImageDecodeException(string message)
        : base(message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
