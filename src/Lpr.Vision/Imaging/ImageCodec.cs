using Lpr.Core.Imaging;

namespace Lpr.Vision.Imaging;

/// <summary>
/// Decodes still images (JPEG, PNG, BMP, …) into <see cref="PixelImage"/> and encodes crops as JPEG: through OpenCV
/// where its native library loads, else through SkiaSharp (<see cref="ImagingBackends.Default"/>), so image folders,
/// the CLI and event crops work on linux-arm64 too. This class names no OpenCvSharp type: the OpenCV codec is a
/// separate class, only reached after the probe said it loads.
/// </summary>
public static class ImageCodec
{
    /// <summary>Decodes an encoded image, keeping gray images gray and colour images BGR.</summary>
    public static PixelImage Decode(ReadOnlySpan<byte> encoded, string description = "image buffer") =>
        Decode(encoded, description, ImagingBackends.Default);

    /// <summary>Reads and decodes an image file; the error names the file.</summary>
    public static PixelImage Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException($"Cannot read image '{path}': {e.Message}", e);
        }

        return Decode(bytes, $"Image '{path}'");
    }

    /// <summary>Encodes as baseline JPEG at <paramref name="quality"/> (1–100).</summary>
    public static byte[] EncodeJpeg(PixelImage image, int quality = 85) => EncodeJpeg(image, quality, ImagingBackends.Default);

    /// <summary>Decodes with a chosen backend (tests and the arm64 check compare the two; OpenCv must load here).</summary>
    public static PixelImage Decode(ReadOnlySpan<byte> encoded, string description, ImagingBackend backend)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException($"{description} is empty.");
        }

        return backend == ImagingBackend.OpenCv
            ? OpenCvImageCodec.Decode(encoded) ?? throw new ImageDecodeException($"{description} is not a readable image (unknown format or truncated).")
            : SkiaImageCodec.Decode(encoded) ?? throw new ImageDecodeException($"{description} is not a readable image (unknown format or truncated; readable without OpenCV: {SkiaImageCodec.Formats}).");
    }

    /// <summary>Encodes with a chosen backend (OpenCv must load here).</summary>
    public static byte[] EncodeJpeg(PixelImage image, int quality, ImagingBackend backend)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return backend == ImagingBackend.OpenCv ? OpenCvImageCodec.EncodeJpeg(image, quality) : SkiaImageCodec.EncodeJpeg(image, quality);
    }
}
