using System.Buffers;
using Lpr.Core.Imaging;
using SkiaSharp;

namespace Lpr.Vision.Imaging;

/// <summary>
/// <see cref="ImageCodec"/> through SkiaSharp (libjpeg-turbo, libpng, libwebp inside <c>libSkiaSharp.so</c>, which its
/// NuGet package ships for linux-arm64 too): JPEG, PNG, BMP, WebP, GIF and ICO, not TIFF. Like OpenCV's
/// <c>IMREAD_UNCHANGED</c>, gray stays gray, colour becomes BGR (alpha dropped, not blended) and EXIF orientation
/// is not applied.
/// </summary>
internal static class SkiaImageCodec
{
    /// <summary>The formats this codec reads, for the message when it cannot read a file.</summary>
    public const string Formats = "JPEG, PNG, BMP, WebP, GIF or ICO";

    /// <summary>Decodes, or null when the bytes are not a complete image in a format Skia reads.</summary>
    public static unsafe PixelImage? Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return null;
        }

        if (info.ColorType == SKColorType.Gray8)
        {
            var gray = new byte[checked(info.Width * info.Height)];
            fixed (byte* p = gray)
            {
                var target = new SKImageInfo(info.Width, info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
                return codec.GetPixels(target, (IntPtr)p) == SKCodecResult.Success ? new PixelImage(info.Width, info.Height, 1, gray) : null;
            }
        }

        // Skia has no 3-byte BGR colour type: decode to BGRA (byte order B, G, R, A), then drop every fourth byte.
        var pixels = info.Width * info.Height;
        var bgra = ArrayPool<byte>.Shared.Rent(checked(pixels * 4));
        try
        {
            fixed (byte* p = bgra)
            {
                var target = new SKImageInfo(info.Width, info.Height, SKColorType.Bgra8888, SKAlphaType.Unpremul);
                if (codec.GetPixels(target, (IntPtr)p) != SKCodecResult.Success)
                {
                    return null;
                }
            }

            var bgr = new byte[pixels * 3];
            for (int i = 0, j = 0; i < bgr.Length; i += 3, j += 4)
            {
                bgr[i] = bgra[j];
                bgr[i + 1] = bgra[j + 1];
                bgr[i + 2] = bgra[j + 2];
            }

            return new PixelImage(info.Width, info.Height, 3, bgr);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgra);
        }
    }

    /// <summary>Baseline JPEG with 4:2:0 chroma subsampling (OpenCV's default too); a gray image becomes a one-component JPEG.</summary>
    public static unsafe byte[] EncodeJpeg(PixelImage image, int quality)
    {
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        if (image.Channels == 1)
        {
            fixed (byte* p = image.Data)
            {
                var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
                return Encode(info, (IntPtr)p, image.Stride, options);
            }
        }

        var pixels = image.Width * image.Height;
        var bgra = ArrayPool<byte>.Shared.Rent(checked(pixels * 4));
        try
        {
            var source = image.Data;
            for (int i = 0, j = 0; j < pixels * 4; i += 3, j += 4)
            {
                bgra[j] = source[i];
                bgra[j + 1] = source[i + 1];
                bgra[j + 2] = source[i + 2];
                bgra[j + 3] = 255;
            }

            fixed (byte* p = bgra)
            {
                var info = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
                return Encode(info, (IntPtr)p, image.Width * 4, options);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bgra);
        }
    }

    private static byte[] Encode(SKImageInfo info, IntPtr pixels, int rowBytes, SKJpegEncoderOptions options)
    {
        using var pixmap = new SKPixmap(info, pixels, rowBytes);
        using var encoded = pixmap.Encode(options)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {info.Width}x{info.Height} {info.ColorType} image as JPEG.");
        return encoded.ToArray();
    }
}
