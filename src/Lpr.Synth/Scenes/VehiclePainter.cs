using Lpr.Synth.Rendering;
using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// A car front or rear drawn in the plate's millimetre coordinates (plate at the origin), so the
/// same perspective matrix places car and plate: body, glass, lights, wheels, bumper, plate recess.
/// </summary>
internal sealed class VehiclePainter : IDisposable
{
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SurroundPainter surround = new();

    /// <summary>Paints the vehicle around a plate of the given size (plate millimetres, plate at the origin).</summary>
    public void Paint(SKCanvas canvas, float plateWidth, float plateHeight, Random random)
    {
        var body = SurroundPainter.RandomBodyColour(random);
        var cx = plateWidth / 2;
        var half = 800 + (float)(random.NextDouble() * 150);
        var rear = random.NextDouble() < 0.5;
        var roofTop = -1000 - (float)(random.NextDouble() * 300);
        var bottom = plateHeight + 260;

        // Ground shadow and wheels.
        fill.Color = new SKColor(0, 0, 0, 110);
        canvas.DrawOval(new SKRect(cx - half - 60, bottom - 40, cx + half + 60, bottom + 90), fill);
        fill.Color = new SKColor(18, 18, 18);
        canvas.DrawRoundRect(new SKRect(cx - half + 20, bottom - 150, cx - half + 230, bottom + 60), 30, 30, fill);
        canvas.DrawRoundRect(new SKRect(cx + half - 230, bottom - 150, cx + half - 20, bottom + 60), 30, 30, fill);

        // Cabin and glass.
        fill.Color = PlateStyle.Scale(body, 0.9f);
        using (var cabin = new SKPath())
        {
            cabin.MoveTo(cx - half * 0.82f, -420);
            cabin.LineTo(cx - half * 0.62f, roofTop);
            cabin.LineTo(cx + half * 0.62f, roofTop);
            cabin.LineTo(cx + half * 0.82f, -420);
            cabin.Close();
            canvas.DrawPath(cabin, fill);
        }

        fill.Color = new SKColor((byte)random.Next(20, 70), (byte)random.Next(25, 75), (byte)random.Next(30, 85));
        using (var glass = new SKPath())
        {
            glass.MoveTo(cx - half * 0.74f, -460);
            glass.LineTo(cx - half * 0.58f, roofTop + 60);
            glass.LineTo(cx + half * 0.58f, roofTop + 60);
            glass.LineTo(cx + half * 0.74f, -460);
            glass.Close();
            canvas.DrawPath(glass, fill);
        }

        // Lower body with the plate surroundings (bumper, recess, frame).
        canvas.Save();
        var lower = new SKRect(cx - half, -440, cx + half, bottom);
        canvas.ClipRoundRect(new SKRoundRect(lower, 90), SKClipOperation.Intersect, true);
        surround.Paint(canvas, lower, plateWidth, plateHeight, random.NextDouble() < 0.55, random, body);
        canvas.Restore();

        // Lights: red tail lights at the rear, pale headlights and a grille at the front.
        fill.Color = rear ? new SKColor((byte)random.Next(150, 230), 25, 30) : new SKColor(225, 230, 235);
        canvas.DrawRoundRect(new SKRect(cx - half + 30, -400, cx - half + 330, -250), 30, 30, fill);
        canvas.DrawRoundRect(new SKRect(cx + half - 330, -400, cx + half - 30, -250), 30, 30, fill);
        if (!rear)
        {
            fill.Color = new SKColor(30, 30, 32);
            canvas.DrawRoundRect(new SKRect(cx - 420, -380, cx + 420, -120), 40, 40, fill);
        }
    }

    public void Dispose()
    {
        fill.Dispose();
        surround.Dispose();
    }
}
