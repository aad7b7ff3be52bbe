using SkiaSharp;

namespace Lpr.Synth.Degradations;

/// <summary>Light effects drawn over the whole crop in pixel coordinates: cast shadows, glare spots, rain streaks.</summary>
internal sealed class Overlays : IDisposable
{
    private readonly SKPaint paint = new() { IsAntialias = true };

    /// <summary>A shadow with a straight (slightly soft) edge across the crop, up to 75% darker.</summary>
    public void Shadow(SKCanvas canvas, int width, int height, Random random, double strength)
    {
        var dark = (byte)(60 + (random.NextDouble() * 130 * strength));
        paint.Style = SKPaintStyle.Fill;
        paint.Color = new SKColor(0, 0, 0, dark);
        using var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 0.5f + (float)(random.NextDouble() * height * 0.05));
        paint.MaskFilter = blur;
        var x0 = (float)(random.NextDouble() * width);
        var x1 = (float)(random.NextDouble() * width);
        using var path = new SKPath();
        if (random.NextDouble() < 0.5)
        {
            path.MoveTo(-5, -5);
            path.LineTo(x0, -5);
            path.LineTo(x1, height + 5);
            path.LineTo(-5, height + 5);
        }
        else
        {
            var y0 = (float)(random.NextDouble() * height);
            var y1 = (float)(random.NextDouble() * height);
            path.MoveTo(-5, -5);
            path.LineTo(width + 5, -5);
            path.LineTo(width + 5, y1);
            path.LineTo(-5, y0);
        }

        path.Close();
        canvas.DrawPath(path, paint);
        paint.MaskFilter = null;
    }

    /// <summary>A specular glare spot (sun or headlight on the plate film).</summary>
    public void Glare(SKCanvas canvas, int width, int height, Random random, double strength)
    {
        var center = new SKPoint((float)(random.NextDouble() * width), (float)(random.NextDouble() * height));
        var radius = (float)((0.1 + (random.NextDouble() * 0.4)) * height);
        using var shader = SKShader.CreateRadialGradient(
            center, radius,
            [new SKColor(255, 255, 250, (byte)(80 + (175 * strength))), new SKColor(255, 255, 250, 0)],
            SKShaderTileMode.Clamp);
        paint.Style = SKPaintStyle.Fill;
        paint.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
        paint.Shader = shader;
        canvas.DrawCircle(center, radius, paint);
        paint.Shader = null;
    }

    /// <summary>Bright slanted streaks of rain drops.</summary>
    public void Rain(SKCanvas canvas, int width, int height, Random random, double strength)
    {
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = Math.Max(0.6f, height / 64f);
        var slant = (float)((random.NextDouble() - 0.5) * 0.6);
        var count = 5 + (int)(strength * 60);
        for (var i = 0; i < count; i++)
        {
            var x = (float)(random.NextDouble() * width);
            var y = (float)(random.NextDouble() * height);
            var length = (float)((0.05 + (random.NextDouble() * 0.25)) * height);
            paint.Color = new SKColor(230, 230, 235, (byte)random.Next(40, 140));
            canvas.DrawLine(x, y, x + (slant * length), y + length, paint);
        }
    }

    public void Dispose() => paint.Dispose();
}
