using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// Colours and finish of one plate. Base colours are the sRGB conversions of the official Munsell
/// and L*a*b* values (PLATE_SPECS.md §3.2); each sample varies them (paint, film, ageing, lighting).
/// </summary>
public sealed record PlateStyle(
    SKColor Ground,
    SKColor Ink,
    float EmbossDepth,
    bool Bold,
    bool Highlight,
    float WidthScale,
    bool PaintedBorder,
    float Lighting)
{
    public static PlateStyle Sample(PlateType type, Random random, float minWidthScale, float maxWidthScale)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (ground, ink) = type switch
        {
            PlateType.GreenRegional or PlateType.GreenRegionalOneDigit or PlateType.GreenNational =>
                (Mix(new SKColor(0, 115, 56), new SKColor(20, 150, 70), random.NextDouble()), new SKColor(241, 241, 236)),
            PlateType.YellowTwoRow or PlateType.YellowOneRow =>
                (Mix(new SKColor(254, 191, 0), new SKColor(230, 200, 70), random.NextDouble()), new SKColor(38, 38, 38)),
            PlateType.Electric => (Mix(new SKColor(184, 229, 246), new SKColor(150, 205, 235), random.NextDouble()), new SKColor(30, 34, 40)),
            // Pinkish white and purplish black; photographed plates range from that to near pure white.
            _ => (Mix(new SKColor(228, 223, 216), new SKColor(250, 250, 248), random.NextDouble()), Mix(new SKColor(57, 61, 69), new SKColor(20, 20, 24), random.NextDouble())),
        };
        var aged = random.NextDouble() * 0.25;
        ground = Mix(ground, new SKColor(150, 145, 130), aged);
        return new PlateStyle(
            ground,
            ink,
            EmbossDepth: (float)(0.4 + (random.NextDouble() * 1.2)),
            Bold: random.NextDouble() < 0.5,
            Highlight: random.NextDouble() < 0.3,
            WidthScale: (float)(minWidthScale + (random.NextDouble() * (maxWidthScale - minWidthScale))),
            PaintedBorder: random.NextDouble() < 0.92,
            Lighting: (float)((random.NextDouble() * 0.5) - 0.25));
    }

    public static SKColor Mix(SKColor a, SKColor b, double t)
    {
        var u = (float)Math.Clamp(t, 0, 1);
        return new SKColor(
            (byte)(a.Red + ((b.Red - a.Red) * u)),
            (byte)(a.Green + ((b.Green - a.Green) * u)),
            (byte)(a.Blue + ((b.Blue - a.Blue) * u)),
            (byte)(a.Alpha + ((b.Alpha - a.Alpha) * u)));
    }

    public static SKColor Scale(SKColor c, float factor) => new(
        (byte)Math.Clamp(c.Red * factor, 0, 255),
        (byte)Math.Clamp(c.Green * factor, 0, 255),
        (byte)Math.Clamp(c.Blue * factor, 0, 255),
        c.Alpha);
}
