using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// Procedural surroundings for scene frames: a wall or building band with windows or bricks, a road
/// with lane marks, and clutter (poles, signs with text-like strokes, boxes, blobs) that a plate
/// locator must learn to ignore; optionally plate-like distractors (panels with a plate's proportions,
/// a border and a line of characters that is not a Korean plate's).
/// </summary>
internal sealed class BackgroundPainter : IDisposable
{
    private const string SignCharacters = "0123456789ABCDEFGHKLMNPRSTUVXYZ가나다라마주차장출입구";
    private const string DistractorCharacters = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ-#";
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };

    public void Paint(SKCanvas canvas, int width, int height, Random random, SKTypeface signFace, int maxDistractors = 0)
    {
        var horizon = (float)(height * (0.25 + (random.NextDouble() * 0.35)));
        var wall = new SKColor((byte)random.Next(90, 220), (byte)random.Next(90, 210), (byte)random.Next(80, 200));
        fill.Color = wall;
        canvas.DrawRect(0, 0, width, horizon, fill);
        if (random.NextDouble() < 0.5)
        {
            // Bricks.
            stroke.Color = wall.WithAlpha(255).Equals(SKColors.Black) ? SKColors.Gray : new SKColor((byte)(wall.Red * 0.7), (byte)(wall.Green * 0.7), (byte)(wall.Blue * 0.7));
            stroke.StrokeWidth = 2;
            var brick = 12 + random.Next(20);
            for (var y = 0f; y < horizon; y += brick)
            {
                canvas.DrawLine(0, y, width, y, stroke);
                var offset = ((int)(y / brick) % 2) * brick;
                for (var x = (float)offset; x < width; x += brick * 2.5f)
                {
                    canvas.DrawLine(x, y, x, Math.Min(horizon, y + brick), stroke);
                }
            }
        }
        else
        {
            // Windows of a building.
            fill.Color = new SKColor(40, 50, 60);
            var size = 30 + random.Next(50);
            for (var y = 10f; y < horizon - size; y += size * 1.6f)
            {
                for (var x = 10f + random.Next(20); x < width - size; x += size * 1.5f)
                {
                    canvas.DrawRect(x, y, size, size * 0.8f, fill);
                }
            }
        }

        // Road.
        var asphalt = (byte)random.Next(50, 130);
        using (var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, horizon), new SKPoint(0, height),
            [new SKColor(asphalt, asphalt, asphalt), new SKColor((byte)(asphalt * 0.7), (byte)(asphalt * 0.7), (byte)(asphalt * 0.72))],
            SKShaderTileMode.Clamp))
        {
            fill.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
            fill.Shader = shader;
            canvas.DrawRect(0, horizon, width, height - horizon, fill);
            fill.Shader = null;
        }

        stroke.Color = random.NextDouble() < 0.5 ? new SKColor(230, 230, 225) : new SKColor(230, 190, 40);
        stroke.StrokeWidth = 6;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var x0 = (float)(random.NextDouble() * width);
            canvas.DrawLine(x0, horizon, x0 + (float)((random.NextDouble() - 0.5) * width), height, stroke);
        }

        // Clutter: poles, signs with character-like text, boxes and blobs.
        using var font = new SKFont(signFace, 20);
        for (var i = random.Next(3, 12); i > 0; i--)
        {
            var x = (float)(random.NextDouble() * width);
            var y = (float)(random.NextDouble() * height);
            switch (random.Next(4))
            {
                case 0:
                    fill.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    canvas.DrawRect(x, y, 20 + random.Next(150), 20 + random.Next(100), fill);
                    break;
                case 1:
                    fill.Color = new SKColor(100, 100, 105);
                    canvas.DrawRect(x, 0, 8 + random.Next(10), height, fill);
                    break;
                case 2:
                    {
                        var w = 80 + random.Next(220);
                        var h = 25 + random.Next(50);
                        fill.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                        canvas.DrawRect(x, y, w, h, fill);
                        var text = new string([.. Enumerable.Range(0, random.Next(3, 9)).Select(_ => SignCharacters[random.Next(SignCharacters.Length)])]);
                        font.Size = h * 0.7f;
                        fill.Color = fill.Color.Red + fill.Color.Green > 250 ? SKColors.Black : SKColors.White;
                        canvas.DrawText(text, x + 4, y + (h * 0.8f), font, fill);
                        break;
                    }

                default:
                    fill.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(60, 200));
                    canvas.DrawCircle(x, y, 10 + random.Next(60), fill);
                    break;
            }
        }

        // Drawn after (and only when asked), so frames without distractors stay what they were.
        if (maxDistractors > 0)
        {
            for (var i = random.Next(maxDistractors + 1); i > 0; i--)
            {
                PaintDistractor(canvas, width, height, random, font);
            }
        }
    }

    /// <summary>
    /// A panel the size and shape of a plate: light or coloured, often bordered, with one line of Latin
    /// letters, digits and signs (a shop sign, a sticker, a parking permit, a phone number on a van).
    /// </summary>
    private void PaintDistractor(SKCanvas canvas, int width, int height, Random random, SKFont font)
    {
        var w = 50 + random.Next(260);
        var h = w / (1.6f + (float)(random.NextDouble() * 3.4));
        var x = (float)(random.NextDouble() * Math.Max(1, width - w));
        var y = (float)(height * 0.2) + (float)(random.NextDouble() * Math.Max(1, (height * 0.8) - h));
        canvas.Save();
        canvas.RotateDegrees((float)((random.NextDouble() - 0.5) * 16), x + (w / 2), y + (h / 2));
        var light = random.NextDouble() < 0.6;
        fill.Color = light
            ? new SKColor((byte)random.Next(200, 256), (byte)random.Next(200, 256), (byte)random.Next(170, 256))
            : new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        var rect = new SKRect(x, y, x + w, y + h);
        canvas.DrawRoundRect(rect, h * 0.12f, h * 0.12f, fill);
        if (random.NextDouble() < 0.6)
        {
            stroke.Color = new SKColor(20, 20, 20);
            stroke.StrokeWidth = Math.Max(1, h * 0.05f);
            canvas.DrawRoundRect(rect, h * 0.12f, h * 0.12f, stroke);
        }

        var text = new string([.. Enumerable.Range(0, random.Next(2, 11)).Select(_ => DistractorCharacters[random.Next(DistractorCharacters.Length)])]);
        font.Size = h * (0.45f + (float)(random.NextDouble() * 0.3));
        var textWidth = font.MeasureText(text);
        if (textWidth > w * 0.92f)
        {
            font.Size *= w * 0.92f / textWidth;
            textWidth = font.MeasureText(text);
        }

        fill.Color = light || fill.Color.Red + fill.Color.Green > 300 ? new SKColor(15, 15, 20) : SKColors.White;
        canvas.DrawText(text, x + ((w - textWidth) / 2), y + (h / 2) + (font.Size * 0.36f), font, fill);
        canvas.Restore();
    }

    public void Dispose()
    {
        fill.Dispose();
        stroke.Dispose();
    }
}
