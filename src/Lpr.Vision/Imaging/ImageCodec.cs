using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Imaging;

/// <summary>Decodes still images (JPEG, PNG, BMP, …) into <see cref="PixelImage"/> and encodes crops as JPEG, through OpenCV.</summary>
public static class ImageCodec
{
    /// <summary>Decodes an encoded image, keeping gray images gray and colour images BGR.</summary>
    public static PixelImage Decode(ReadOnlySpan<byte> encoded, string description = "image buffer")
    {
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException($"{description} is empty.");
        }

        using var mat = Cv2.ImDecode(encoded, ImreadModes.Unchanged);
        if (mat is null || mat.Empty())
        {
            throw new ImageDecodeException($"{description} is not a readable image (unknown format or truncated).");
        }

        if (mat.Depth() != MatType.CV_8U)
        {
            using var eight = new Mat();
            mat.ConvertTo(eight, MatType.CV_8U, mat.Depth() == MatType.CV_16U ? 1.0 / 257 : 1.0);
            return eight.ToPixelImage();
        }

        return mat.ToPixelImage();
    }

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
    public static byte[] EncodeJpeg(PixelImage image, int quality = 85)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var mat = image.ToMat();
        Cv2.ImEncode(".jpg", mat, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }
}
