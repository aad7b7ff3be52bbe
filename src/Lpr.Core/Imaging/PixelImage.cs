namespace Lpr.Core.Imaging;

/// <summary>
/// An 8-bit image in row-major order with interleaved channels: 1 = gray, 3 = BGR (OpenCV order).
/// Core stays free of imaging libraries, so every stage hands images around in this form.
/// </summary>
public sealed class PixelImage
{
    public PixelImage(int width, int height, int channels, byte[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only 1 (gray) or 3 (BGR) channels are supported.");
        }

        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != (long)width * height * channels)
        {
            throw new ArgumentException($"Expected {(long)width * height * channels} bytes for {width}x{height}x{channels}, got {data.LongLength}.", nameof(data));
        }

        Width = width;
        Height = height;
        Channels = channels;
        Data = data;
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>Pixel bytes; row stride is <see cref="Width"/> * <see cref="Channels"/>.</summary>
    public byte[] Data { get; }

    public int Stride => Width * Channels;

    public static PixelImage CreateGray(int width, int height) => new(width, height, 1, new byte[checked(width * height)]);
}
