using Lpr.Synth.Layout;
using Lpr.Synth.Text;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>One outline placed on the plate: <see cref="Transform"/> maps the cached path to millimetres.</summary>
public readonly record struct GlyphPlacement(int TokenIndex, SKPath Path, SKMatrix Transform, SKRect BoxMm);

/// <summary>Fits the glyph outlines of a plate's tokens into their layout slots.</summary>
public static class GlyphPlacer
{
    /// <summary>
    /// Places every token: glyphs are scaled to the slot height, condensed by the style's width
    /// scale (not the drawn standard glyphs, which have the plate's proportions), centred, and narrowed further when
    /// wider than the slot. The syllable comes from <paramref name="syllableFont"/>, region names from
    /// <paramref name="hangulFont"/>, as two outlines (side by side or stacked) that share their token index.
    /// </summary>
    public static void Place(
        PlateText text, PlateLayout layout, GlyphSet hangulFont, GlyphSet syllableFont, GlyphSet digitFont, float widthScale, bool bold, List<GlyphPlacement> placements)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(hangulFont);
        ArgumentNullException.ThrowIfNull(syllableFont);
        ArgumentNullException.ThrowIfNull(digitFont);
        ArgumentNullException.ThrowIfNull(placements);
        if (text.Tokens.Count != layout.Slots.Count)
        {
            throw new ArgumentException($"Plate {text.Text} has {text.Tokens.Count} tokens but its {text.Type} layout has {layout.Slots.Count} slots.", nameof(layout));
        }

        placements.Clear();
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            var token = text.Tokens[i];
            var slot = layout.Slots[i];
            switch (slot.Kind)
            {
                case SlotKind.Digit:
                    placements.Add(Fit(i, digitFont.Get(token[0], bold), slot.Box, digitFont.TrueProportions ? 1f : widthScale));
                    break;
                case SlotKind.Hangul:
                    placements.Add(Fit(i, syllableFont.Get(token[0], bold), slot.Box, syllableFont.TrueProportions ? 1f : widthScale));
                    break;
                case SlotKind.Region:
                    {
                        var half = slot.Box.Width / 2;
                        var gap = half * 0.06f;
                        placements.Add(Fit(i, hangulFont.Get(token[0], bold), new SKRect(slot.Box.Left, slot.Box.Top, slot.Box.Left + half - gap, slot.Box.Bottom), 1f));
                        placements.Add(Fit(i, hangulFont.Get(token[1], bold), new SKRect(slot.Box.Left + half + gap, slot.Box.Top, slot.Box.Right, slot.Box.Bottom), 1f));
                        break;
                    }

                case SlotKind.RegionStacked:
                    {
                        var half = slot.Box.Height / 2;
                        var gap = half * 0.05f;
                        placements.Add(Fit(i, hangulFont.Get(token[0], bold), new SKRect(slot.Box.Left, slot.Box.Top, slot.Box.Right, slot.Box.Top + half - gap), 1.15f));
                        placements.Add(Fit(i, hangulFont.Get(token[1], bold), new SKRect(slot.Box.Left, slot.Box.Top + half + gap, slot.Box.Right, slot.Box.Bottom), 1.15f));
                        break;
                    }

                default:
                    throw new InvalidOperationException($"Unknown slot kind {slot.Kind}.");
            }
        }
    }

    private static GlyphPlacement Fit(int tokenIndex, (SKPath Path, SKRect Bounds) glyph, SKRect box, float widthScale)
    {
        var b = glyph.Bounds;
        var sy = box.Height / b.Height;
        var sx = sy * widthScale;
        if (b.Width * sx > box.Width)
        {
            sx = box.Width / b.Width;
        }

        var width = b.Width * sx;
        var left = box.MidX - (width / 2);
        var transform = new SKMatrix(sx, 0, left - (b.Left * sx), 0, sy, box.Top - (b.Top * sy), 0, 0, 1);
        return new GlyphPlacement(tokenIndex, glyph.Path, transform, new SKRect(left, box.Top, left + width, box.Bottom));
    }
}
