using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>Dirt, stains and scratches on a plate face (millimetre coordinates), clipped to the plate.</summary>
public sealed class WearPainter : IDisposable
{
    private readonly SKPaint paint = new() { IsAntialias = true };

    public void Paint(SKCanvas canvas, float plateWidth, float plateHeight, double strength, Random random)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(random);
        canvas.Save();
        canvas.ClipRoundRect(new SKRoundRect(new SKRect(0, 0, plateWidth, plateHeight), 12), SKClipOperation.Intersect, true);
        paint.Style = SKPaintStyle.Fill;
        var spots = 3 + (int)(strength * 25);
        for (var i = 0; i < spots; i++)
        {
            var brown = (byte)random.Next(40, 120);
            paint.Color = new SKColor(brown, (byte)(brown * 0.85), (byte)(brown * 0.6), (byte)(20 + (random.NextDouble() * 110 * strength)));
            var cx = (float)(random.NextDouble() * plateWidth);
            var cy = (float)(random.NextDouble() * plateHeight);
            var rx = 3 + (float)(random.NextDouble() * 40 * strength);
            var ry = 2 + (float)(random.NextDouble() * 15 * strength);
            canvas.DrawOval(new SKRect(cx - rx, cy - ry, cx + rx, cy + ry), paint);
        }

        // A dirt film thicker at the bottom edge (road spray).
        using (var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, plateHeight * 0.4f), new SKPoint(0, plateHeight),
            [new SKColor(90, 80, 60, 0), new SKColor(90, 80, 60, (byte)(150 * strength))],
            SKShaderTileMode.Clamp))
        {
            paint.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
            paint.Shader = shader;
            canvas.DrawRect(new SKRect(0, 0, plateWidth, plateHeight), paint);
            paint.Shader = null;
        }

        paint.Style = SKPaintStyle.Stroke;
        for (var i = random.Next(0, 1 + (int)(strength * 8)); i > 0; i--)
        {
            paint.Color = new SKColor(255, 255, 255, (byte)random.Next(40, 140));
            paint.StrokeWidth = 0.4f + (float)random.NextDouble();
            var x = (float)(random.NextDouble() * plateWidth);
            var y = (float)(random.NextDouble() * plateHeight);
            canvas.DrawLine(x, y, x + (float)((random.NextDouble() - 0.5) * 80), y + (float)((random.NextDouble() - 0.5) * 20), paint);
        }

        canvas.Restore();
    }

    public void Dispose() => paint.Dispose();
}
