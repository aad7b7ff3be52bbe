using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// Procedural surroundings for scene frames: a wall or building band with windows or bricks, a road
/// with lane marks, and clutter (poles, signs with text-like strokes, boxes, blobs) that a plate
/// locator must learn to ignore.
/// </summary>
internal sealed class BackgroundPainter : IDisposable
{
    private const string SignCharacters = "0123456789ABCDEFGHKLMNPRSTUVXYZ가나다라마주차장출입구";
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };

    public void Paint(SKCanvas canvas, int width, int height, Random random, SKTypeface signFace)
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
    }

    public void Dispose()
    {
        fill.Dispose();
        stroke.Dispose();
    }
}
