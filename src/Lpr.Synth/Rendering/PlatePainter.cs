using Lpr.Synth.Layout;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// Draws a plate in millimetre coordinates (the caller's canvas matrix maps millimetres to pixels,
/// perspective included): R12 outline, ground with a lighting gradient, 2 mm border inset 2 mm,
/// bolts, design marks (EV column and logo, film strip) and embossed characters (1.3–1.6 mm relief
/// gives a shadow on one side and a highlight on the other).
/// </summary>
public sealed class PlatePainter : IDisposable
{
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKFont latin = new(SKTypeface.Default, 10) { Embolden = true };

    public void Paint(SKCanvas canvas, PlateLayout layout, IReadOnlyList<GlyphPlacement> glyphs, PlateStyle style, Random random)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(random);
        var w = layout.Width;
        var h = layout.Height;
        var outline = new SKRect(0, 0, w, h);

        using (var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, 0), new SKPoint(w * 0.3f, h),
            [PlateStyle.Scale(style.Ground, 1 + style.Lighting), PlateStyle.Scale(style.Ground, 1 - (style.Lighting * 0.6f))],
            SKShaderTileMode.Clamp))
        {
            fill.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
            fill.Shader = shader;
            canvas.DrawRoundRect(outline, PlateLayout.CornerRadius, PlateLayout.CornerRadius, fill);
            fill.Shader = null;
        }

        if ((layout.Marks & PlateMarks.Electric) != 0)
        {
            PaintElectricMarks(canvas, layout, style, random);
        }

        if ((layout.Marks & PlateMarks.FilmStrip) != 0)
        {
            PaintFilmStrip(canvas, h);
        }

        if (style.PaintedBorder)
        {
            stroke.Color = style.Ink;
            stroke.StrokeWidth = 2f;
            canvas.DrawRoundRect(new SKRect(3, 3, w - 3, h - 3), 9, 9, stroke);
        }

        // Sheet edge: a thin dark rim where the aluminium folds.
        stroke.Color = PlateStyle.Scale(style.Ground, 0.55f);
        stroke.StrokeWidth = 1f;
        canvas.DrawRoundRect(new SKRect(0.5f, 0.5f, w - 0.5f, h - 0.5f), PlateLayout.CornerRadius, PlateLayout.CornerRadius, stroke);

        foreach (var bolt in layout.Bolts)
        {
            PaintBolt(canvas, bolt, style, random);
        }

        PaintGlyphs(canvas, glyphs, style);
    }

    /// <summary>Draws the characters: embossing shadow and highlight, then the ink.</summary>
    private void PaintGlyphs(SKCanvas canvas, IReadOnlyList<GlyphPlacement> glyphs, PlateStyle style)
    {
        var d = style.EmbossDepth;
        fill.Color = PlateStyle.Scale(style.Ground, 0.62f).WithAlpha(200);
        DrawGlyphs(canvas, glyphs, d * 0.7f, d);
        if (style.Highlight)
        {
            fill.Color = PlateStyle.Mix(style.Ground, SKColors.White, 0.6).WithAlpha(170);
            DrawGlyphs(canvas, glyphs, -d * 0.5f, -d * 0.6f);
        }

        fill.Color = style.Ink;
        DrawGlyphs(canvas, glyphs, 0, 0);
    }

    private void DrawGlyphs(SKCanvas canvas, IReadOnlyList<GlyphPlacement> glyphs, float dx, float dy)
    {
        foreach (var g in glyphs)
        {
            canvas.Save();
            canvas.Translate(dx, dy);
            canvas.Concat(g.Transform);
            canvas.DrawPath(g.Path, fill);
            canvas.Restore();
        }
    }

    private void PaintBolt(SKCanvas canvas, SKRect hole, PlateStyle style, Random random)
    {
        // Hole rim (dark), then a bolt head or a seal cap, sometimes nothing (empty hole).
        var kind = random.Next(4);
        fill.Color = PlateStyle.Scale(style.Ground, 0.35f);
        canvas.DrawOval(hole, fill);
        if (kind == 0)
        {
            return;
        }

        var head = hole;
        head.Inflate(kind == 3 ? 3.5f : 1.5f, kind == 3 ? 3.5f : 1.5f);
        var metal = kind == 3 ? new SKColor(200, 200, 205) : new SKColor((byte)random.Next(90, 200), (byte)random.Next(90, 200), (byte)random.Next(90, 200));
        using var shader = SKShader.CreateRadialGradient(
            new SKPoint(head.MidX - (head.Width * 0.2f), head.MidY - (head.Height * 0.2f)), Math.Max(head.Width, head.Height) * 0.7f,
            [PlateStyle.Mix(metal, SKColors.White, 0.6), PlateStyle.Scale(metal, 0.55f)],
            SKShaderTileMode.Clamp);
        fill.Color = SKColors.Black; // opaque: a paint's alpha scales its shader
        fill.Shader = shader;
        canvas.DrawOval(head, fill);
        fill.Shader = null;
    }

    private void PaintElectricMarks(SKCanvas canvas, PlateLayout layout, PlateStyle style, Random random)
    {
        // Taegeuk-like motifs in a darker and a lighter tint of the field (annex 18 pattern, simplified).
        var dark = PlateStyle.Scale(style.Ground, 0.93f);
        var light = PlateStyle.Mix(style.Ground, SKColors.White, 0.25);
        var phase = (float)random.NextDouble() * 17.2f;
        for (var row = 0; row < 3; row++)
        {
            for (var x = 12f - phase + (row % 2 * 8.6f); x < layout.Width; x += 17.2f)
            {
                fill.Color = (row + (int)(x / 17.2f)) % 2 == 0 ? dark : light;
                canvas.DrawCircle(x, 20 + (row * 34), 7.2f, fill);
            }
        }

        // Left column: EV pictogram (a car body with a plug) over the round emblem.
        fill.Color = new SKColor(20, 70, 150);
        canvas.DrawRoundRect(new SKRect(9, 16, 40, 40), 4, 4, fill);
        fill.Color = style.Ground;
        canvas.DrawRect(new SKRect(14, 22, 35, 30), fill);
        fill.Color = new SKColor(20, 70, 150);
        canvas.DrawCircle(24.7f, 78.6f, 16, fill);
        fill.Color = new SKColor(205, 40, 50);
        canvas.DrawCircle(24.7f, 74.6f, 7, fill);
        fill.Color = new SKColor(30, 70, 160);
        canvas.DrawCircle(24.7f, 82.6f, 7, fill);

        // Right: the "EV" logo box.
        var ink = layout.Slots.Count == 8 ? 478f : 479f;
        fill.Color = new SKColor(20, 70, 150);
        latin.Size = 26;
        latin.ScaleX = 0.8f;
        canvas.DrawText("EV", ink, 66, latin, fill);
        latin.ScaleX = 1;
    }

    private void PaintFilmStrip(SKCanvas canvas, float h)
    {
        fill.Color = new SKColor(28, 78, 160);
        canvas.Save();
        canvas.ClipRoundRect(new SKRoundRect(new SKRect(0, 0, 520, h), PlateLayout.CornerRadius), SKClipOperation.Intersect, true);
        canvas.DrawRect(new SKRect(0, 0, 46, h), fill);
        canvas.Restore();
        fill.Color = new SKColor(205, 40, 50);
        canvas.DrawCircle(23, 26, 9, fill);
        fill.Color = new SKColor(20, 60, 150);
        canvas.DrawCircle(23, 30, 6, fill);
        fill.Color = new SKColor(200, 205, 215);
        canvas.DrawRect(new SKRect(15, 45, 31, 61), fill);
        fill.Color = SKColors.White;
        latin.Size = 12;
        canvas.DrawText("KOR", 9, 88, latin, fill);
    }

    public void Dispose()
    {
        fill.Dispose();
        stroke.Dispose();
        latin.Dispose();
    }
}
