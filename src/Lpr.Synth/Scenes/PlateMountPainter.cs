using Lpr.Synth.Rendering;
using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// What a free plate (<see cref="Options.SceneOptions.FreePlateProbability"/>) sits on instead of a
/// drawn car, in the plate's millimetre coordinates: usually a patch of the crop renderer's surround
/// of random extent — from a tight holder frame to most of a car's rear — with a soft shadow at its
/// lower edge, sometimes nothing at all (the plate alone on the background).
/// </summary>
internal sealed class PlateMountPainter : IDisposable
{
    private const double BareProbability = 0.2;

    private readonly SurroundPainter surround = new();
    private readonly SKPaint shadow = new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = new SKColor(0, 0, 0, 90) };

    public void Paint(SKCanvas canvas, float plateWidth, float plateHeight, Random random)
    {
        if (random.NextDouble() < BareProbability)
        {
            return;
        }

        var left = plateWidth * (float)(0.04 + (random.NextDouble() * 1.2));
        var right = plateWidth * (float)(0.04 + (random.NextDouble() * 1.2));
        var top = plateHeight * (float)(0.15 + (random.NextDouble() * 3.0));
        var bottom = plateHeight * (float)(0.15 + (random.NextDouble() * 2.0));
        var area = new SKRect(-left, -top, plateWidth + right, plateHeight + bottom);
        var radius = Math.Min(area.Width, area.Height) * (float)(random.NextDouble() * 0.2);
        canvas.DrawRoundRect(new SKRect(area.Left + 10, area.Bottom - 20, area.Right - 10, area.Bottom + 40), radius, radius, shadow);
        canvas.Save();
        canvas.ClipRoundRect(new SKRoundRect(area, radius), SKClipOperation.Intersect, true);
        surround.Paint(canvas, area, plateWidth, plateHeight, random.NextDouble() < 0.55, random);
        canvas.Restore();
    }

    public void Dispose()
    {
        surround.Dispose();
        shadow.Dispose();
    }
}
