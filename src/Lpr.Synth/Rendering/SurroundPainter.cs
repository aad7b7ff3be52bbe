using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// What real detector crops show around a plate, drawn in the plate's millimetre coordinates: car
/// body paint with lighting, the plate recess, panel gaps, chrome strips, emblem, the black lower
/// bumper, and often a plastic plate-holder frame with a dealer slogan under the plate.
/// </summary>
public sealed class SurroundPainter : IDisposable
{
    private static readonly SKColor[] BodyColours =
    [
        new(235, 235, 232), new(245, 245, 245), new(190, 192, 195), new(150, 152, 155), new(95, 97, 100),
        new(40, 40, 42), new(20, 20, 22), new(30, 45, 80), new(120, 25, 30), new(200, 190, 170), new(60, 90, 130),
    ];

    /// <summary>A car paint colour (white, silver, gray, black, navy, red, beige, blue).</summary>
    public static SKColor RandomBodyColour(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return BodyColours[random.Next(BodyColours.Length)];
    }

    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };

    /// <summary>Paints the region <paramref name="area"/> (mm) around a plate of size <paramref name="plateWidth"/> × <paramref name="plateHeight"/> at the origin.</summary>
    public void Paint(SKCanvas canvas, SKRect area, float plateWidth, float plateHeight, bool holderFrame, Random random, SKColor? bodyColour = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(random);
        var drawn = BodyColours[random.Next(BodyColours.Length)];
        var body = bodyColour ?? drawn;
        using (var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, area.Top), new SKPoint(0, area.Bottom),
            [PlateStyle.Scale(body, 1.15f), body, PlateStyle.Scale(body, 0.7f)],
            [0, 0.5f, 1],
            SKShaderTileMode.Clamp))
        {
            fill.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
            fill.Shader = shader;
            canvas.DrawRect(area, fill);
            fill.Shader = null;
        }

        // Black plastic lower bumper below the plate.
        if (random.NextDouble() < 0.5)
        {
            fill.Color = new SKColor((byte)random.Next(15, 45), (byte)random.Next(15, 45), (byte)random.Next(15, 45));
            var top = plateHeight + 15 + (float)(random.NextDouble() * 70);
            canvas.DrawRect(new SKRect(area.Left, top, area.Right, area.Bottom), fill);
        }

        // Chrome strip or trunk-lid edge above the plate.
        if (random.NextDouble() < 0.4)
        {
            var y = -20 - (float)(random.NextDouble() * 60);
            using var shader = SKShader.CreateLinearGradient(
                new SKPoint(0, y - 8), new SKPoint(0, y + 8),
                [new SKColor(250, 250, 250), new SKColor(120, 120, 125), new SKColor(220, 220, 225)],
                SKShaderTileMode.Clamp);
            fill.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
            fill.Shader = shader;
            canvas.DrawRect(new SKRect(area.Left, y - 8, area.Right, y + 8), fill);
            fill.Shader = null;
        }

        // Panel gaps and creases.
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var y = (float)(area.Top + (random.NextDouble() * area.Height));
            if (y > -8 && y < plateHeight + 8)
            {
                continue;
            }

            stroke.Color = PlateStyle.Scale(body, random.NextDouble() < 0.5 ? 0.5f : 1.3f);
            stroke.StrokeWidth = 1 + (float)(random.NextDouble() * 3);
            canvas.DrawLine(area.Left, y, area.Right, y, stroke);
        }

        // Emblem above the plate.
        if (random.NextDouble() < 0.25)
        {
            fill.Color = new SKColor(210, 210, 215);
            var cx = (plateWidth / 2) + (float)((random.NextDouble() - 0.5) * 80);
            canvas.DrawOval(new SKRect(cx - 40, -75, cx + 40, -35), fill);
            fill.Color = PlateStyle.Scale(body, 0.6f);
            canvas.DrawOval(new SKRect(cx - 32, -69, cx + 32, -41), fill);
        }

        // Tail-light corners far to the sides.
        if (random.NextDouble() < 0.3)
        {
            fill.Color = new SKColor((byte)random.Next(140, 220), 20, 25);
            canvas.DrawRect(new SKRect(-260, -120, -150, 10), fill);
            canvas.DrawRect(new SKRect(plateWidth + 150, -120, plateWidth + 260, 10), fill);
        }

        // The recess the plate sits in: darker, with a soft edge.
        var mx = 8 + (float)(random.NextDouble() * 40);
        var my = 6 + (float)(random.NextDouble() * 25);
        fill.Color = PlateStyle.Scale(body, (float)(0.55 + (random.NextDouble() * 0.35)));
        canvas.DrawRoundRect(new SKRect(-mx, -my, plateWidth + mx, plateHeight + my), 15, 15, fill);

        if (holderFrame)
        {
            PaintHolderFrame(canvas, plateWidth, plateHeight, random);
        }
        else
        {
            // Shadow the plate casts on the recess.
            fill.Color = new SKColor(0, 0, 0, 90);
            canvas.DrawRoundRect(new SKRect(2, 3, plateWidth + 3, plateHeight + 4), 12, 12, fill);
        }
    }

    private void PaintHolderFrame(SKCanvas canvas, float plateWidth, float plateHeight, Random random)
    {
        var side = 4 + (float)(random.NextDouble() * 6);
        var top = 4 + (float)(random.NextDouble() * 6);
        var bottom = 9 + (float)(random.NextDouble() * 12);
        var grey = (byte)random.Next(10, 60);
        fill.Color = new SKColor(grey, grey, grey);
        canvas.DrawRoundRect(new SKRect(-side, -top, plateWidth + side, plateHeight + bottom), 14, 14, fill);
        if (random.NextDouble() < 0.75)
        {
            // A dealer slogan: at crop resolution it is a row of tiny marks, so marks are drawn, not shaped text.
            fill.Color = new SKColor(200, 200, 200, (byte)random.Next(120, 230));
            var letter = Math.Min(bottom * 0.45f, 6);
            var words = random.Next(2, 5);
            var x = (plateWidth / 2) - (words * 30);
            var y = plateHeight + (bottom * 0.3f);
            for (var i = 0; i < words; i++)
            {
                var length = 20 + (float)(random.NextDouble() * 35);
                canvas.DrawRect(new SKRect(x, y, x + length, y + letter), fill);
                x += length + 8;
            }
        }
    }

    public void Dispose()
    {
        fill.Dispose();
        stroke.Dispose();
    }
}
