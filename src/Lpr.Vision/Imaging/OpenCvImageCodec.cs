using Lpr.Core.Imaging;
using OpenCvSharp;

namespace Lpr.Vision.Imaging;

/// <summary>
/// <see cref="ImageCodec"/> through OpenCV (<c>imdecode</c>/<c>imencode</c>). Only reached once
/// <see cref="ImagingBackends.Default"/> said OpenCvSharp loads (or from tests on a machine where it does).
/// </summary>
internal static class OpenCvImageCodec
{
    /// <summary>Decodes, keeping gray images gray and colour images BGR; null when OpenCV cannot read it.</summary>
    public static PixelImage? Decode(ReadOnlySpan<byte> encoded)
    {
        using var mat = Cv2.ImDecode(encoded, ImreadModes.Unchanged);
        if (mat is null || mat.Empty())
        {
            return null;
        }

        if (mat.Depth() != MatType.CV_8U)
        {
            using var eight = new Mat();
            mat.ConvertTo(eight, MatType.CV_8U, mat.Depth() == MatType.CV_16U ? 1.0 / 257 : 1.0);
            return eight.ToPixelImage();
        }

        return mat.ToPixelImage();
    }

    public static byte[] EncodeJpeg(PixelImage image, int quality)
    {
        using var mat = image.ToMat();
        Cv2.ImEncode(".jpg", mat, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }
}
