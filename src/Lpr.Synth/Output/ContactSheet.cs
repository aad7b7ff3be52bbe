using Lpr.Core.Imaging;
using SkiaSharp;

namespace Lpr.Synth.Output;

/// <summary>A grid of images with a caption under each (the label and type), to look at renders next to real crops.</summary>
public static class ContactSheet
{
    /// <summary>Renders the sheet and encodes it as PNG.</summary>
    public static byte[] Render(IReadOnlyList<(PixelImage Image, string Caption)> items, int columns = 6, int cellWidth = 256, string? captionFontPath = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (items.Count == 0)
        {
            throw new ArgumentException("A contact sheet needs at least one image.", nameof(items));
        }

        var aspect = items.Max(i => (float)i.Image.Height / i.Image.Width);
        var imageHeight = (int)Math.Ceiling(cellWidth * aspect);
        const int captionHeight = 22;
        var rows = (items.Count + columns - 1) / columns;
        var sheetWidth = columns * (cellWidth + 6);
        var sheetHeight = rows * (imageHeight + captionHeight + 6);
        using var surface = SKSurface.Create(new SKImageInfo(sheetWidth, sheetHeight, SKColorType.Bgra8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(60, 60, 60));
        using var typeface = captionFontPath is not null && File.Exists(captionFontPath) ? SKTypeface.FromFile(captionFontPath) : SKTypeface.Default;
        using var font = new SKFont(typeface, 15);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var sampling = new SKPaint();
        for (var i = 0; i < items.Count; i++)
        {
            var (image, caption) = items[i];
            var x = (i % columns) * (cellWidth + 6);
            var y = (i / columns) * (imageHeight + captionHeight + 6);
            using var bitmap = ToBitmap(image);
            var h = cellWidth * image.Height / (float)image.Width;
            canvas.DrawBitmap(bitmap, new SKRect(x + 3, y + 3, x + 3 + cellWidth, y + 3 + h), sampling);
            canvas.DrawText(caption, x + 4, y + imageHeight + 20, font, paint);
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKBitmap ToBitmap(PixelImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var pixels = new byte[image.Width * image.Height * 4];
        for (var p = 0; p < image.Width * image.Height; p++)
        {
            if (image.Channels == 1)
            {
                pixels[p * 4] = pixels[(p * 4) + 1] = pixels[(p * 4) + 2] = image.Data[p];
            }
            else
            {
                pixels[p * 4] = image.Data[p * 3];
                pixels[(p * 4) + 1] = image.Data[(p * 3) + 1];
                pixels[(p * 4) + 2] = image.Data[(p * 3) + 2];
            }

            pixels[(p * 4) + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }
}
