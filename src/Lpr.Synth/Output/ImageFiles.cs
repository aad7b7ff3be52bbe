using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Synth.Output;

/// <summary>Encodes <see cref="PixelImage"/>s to PNG/JPEG bytes (written with .NET file APIs, so any file name works).</summary>
public static class ImageFiles
{
    public static byte[] EncodePng(PixelImage image) => Encode(image, ".png", []);

    public static byte[] EncodeJpeg(PixelImage image, int quality) =>
        Encode(image, ".jpg", [new ImageEncodingParam(ImwriteFlags.JpegQuality, quality)]);

    /// <summary>Encodes a one-channel byte map (e.g. a character label map) as a gray PNG.</summary>
    public static byte[] EncodeGrayPng(byte[] data, int width, int height) => EncodePng(new PixelImage(width, height, 1, data));

    private static byte[] Encode(PixelImage image, string extension, ImageEncodingParam[] parameters)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var mat = Mat.FromPixelData(image.Height, image.Width, image.Channels == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3, image.Data);
        Cv2.ImEncode(extension, mat, out var bytes, parameters);
        return bytes;
    }
}
