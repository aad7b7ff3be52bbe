using Lpr.Core.Imaging;

namespace Lpr.Vision.Imaging;

/// <summary>
/// Per-frame pixel operations in plain managed code, so every capture backend (OpenCV or an ffmpeg
/// pipe on a device where OpenCV's native library is absent) shares them.
/// </summary>
public static class FrameTransforms
{
    /// <summary>Rotates clockwise by 0, 90, 180 or 270 degrees (a camera mounted on its side or upside down).</summary>
    public static PixelImage Rotate(PixelImage image, int degreesClockwise)
    {
        ArgumentNullException.ThrowIfNull(image);
        var turns = degreesClockwise switch
        {
            0 => 0,
            90 => 1,
            180 => 2,
            270 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(degreesClockwise), degreesClockwise, "Rotation must be 0, 90, 180 or 270 degrees."),
        };
        if (turns == 0)
        {
            return image;
        }

        int w = image.Width, h = image.Height, c = image.Channels;
        var (outW, outH) = turns == 2 ? (w, h) : (h, w);
        var source = image.Data;
        var target = new byte[source.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (tx, ty) = turns switch
                {
                    1 => (h - 1 - y, x),
                    2 => (w - 1 - x, h - 1 - y),
                    _ => (y, w - 1 - x),
                };
                var from = ((y * w) + x) * c;
                var to = ((ty * outW) + tx) * c;
                for (var k = 0; k < c; k++)
                {
                    target[to + k] = source[from + k];
                }
            }
        }

        return new PixelImage(outW, outH, c, target);
    }

    /// <summary>Gray from BGR with the ITU-R BT.601 weights OpenCV uses (fixed point); gray images are returned as they are.</summary>
    public static PixelImage ToGray(PixelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels == 1)
        {
            return image;
        }

        var gray = new byte[image.Width * image.Height];
        var bgr = image.Data;
        for (int i = 0, j = 0; i < gray.Length; i++, j += 3)
        {
            // 0.114 B + 0.587 G + 0.299 R in 14-bit fixed point, rounded.
            gray[i] = (byte)(((bgr[j] * 1868) + (bgr[j + 1] * 9617) + (bgr[j + 2] * 4899) + 8192) >> 14);
        }

        return new PixelImage(image.Width, image.Height, 1, gray);
    }

    /// <summary>Copies the part of the image inside <paramref name="rect"/>, clipped to the image; throws when nothing is left.</summary>
    public static PixelImage Crop(PixelImage image, PixelRect rect)
    {
        ArgumentNullException.ThrowIfNull(image);
        var clipped = Clip(rect, image.Width, image.Height)
            ?? throw new ArgumentOutOfRangeException(nameof(rect), rect, $"The rectangle lies outside the {image.Width}x{image.Height} image.");
        if (clipped == new PixelRect(0, 0, image.Width, image.Height))
        {
            return image;
        }

        var c = image.Channels;
        var rowBytes = clipped.Width * c;
        var data = new byte[rowBytes * clipped.Height];
        for (var y = 0; y < clipped.Height; y++)
        {
            Buffer.BlockCopy(image.Data, (((clipped.Y + y) * image.Width) + clipped.X) * c, data, y * rowBytes, rowBytes);
        }

        return new PixelImage(clipped.Width, clipped.Height, c, data);
    }

    /// <summary>The part of <paramref name="rect"/> inside a width x height image, or null when they do not overlap.</summary>
    public static PixelRect? Clip(PixelRect rect, int width, int height)
    {
        var x0 = Math.Max(0, rect.X);
        var y0 = Math.Max(0, rect.Y);
        var x1 = Math.Min(width, rect.Right);
        var y1 = Math.Min(height, rect.Bottom);
        return x1 > x0 && y1 > y0 ? new PixelRect(x0, y0, x1 - x0, y1 - y0) : null;
    }
}
