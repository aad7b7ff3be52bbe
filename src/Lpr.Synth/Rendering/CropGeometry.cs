using Lpr.Synth.Layout;
using Lpr.Synth.Options;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// Where the plate lands in a recognizer crop. Works in "source" units (crop height 1, width =
/// the crop's aspect ratio r, as the detector cut it), then stretches to the output size as the
/// recognizer's resize does. Loose crops draw r log-normally around the configured median
/// (one-row plates) or around 0.85 × the plate aspect (short and two-row plates, whose crops are
/// squarer); tight crops follow the outline; some crops cut a side, and two-row plates often lose
/// part of the top row.
/// </summary>
internal static class CropGeometry
{
    public static void PlateCorners(PlateLayout layout, SynthOptions options, Random random, Span<SKPoint> corners)
    {
        var crop = options.Crop;
        var d = options.Degradations;
        var a = layout.Width / layout.Height;
        double r, fw, fh;
        if (random.NextDouble() < crop.TightProbability)
        {
            fw = Uniform(random, 0.88, 0.98);
            fh = Uniform(random, 0.82, 0.96);
            r = a * fh / fw;
        }
        else
        {
            var oneRow = a > 4;
            var median = oneRow ? crop.MedianAspect : 0.85 * a;
            r = Math.Exp(Math.Log(median) + (Gaussian(random) * 0.22));
            r = oneRow ? Math.Clamp(r, crop.MinAspect, crop.MaxAspect) : Math.Clamp(r, Math.Min(1.1, crop.MinAspect), Math.Min(3.2, crop.MaxAspect));
            fw = Uniform(random, crop.MinPlateWidthShare, 0.95);
            fh = fw * r / a;
            if (fh > 0.92)
            {
                fh = Uniform(random, 0.75, 0.92);
                fw = fh * a / r;
            }
            else if (fh < crop.MinPlateHeightShare)
            {
                fh = crop.MinPlateHeightShare;
                fw = fh * a / r;
            }
        }

        var w = fw * r;
        var h = fh;
        var cx = (r / 2) + ((random.NextDouble() * 2 - 1) * Math.Max(0, (r - w) / 2) * 0.8);
        var cy = 0.5 + ((random.NextDouble() * 2 - 1) * Math.Max(0, (1 - h) / 2) * 0.8);
        if (random.NextDouble() < crop.CutProbability)
        {
            var cut = Uniform(random, 0.02, 0.07) * w;
            cx = random.NextDouble() < 0.5 ? (w / 2) - cut : r - (w / 2) + cut;
        }

        if (layout.TwoRows && random.NextDouble() < crop.TopRowCutProbability)
        {
            // The crop edge runs through the top margin or the top quarter of the top row's ink, never deeper: a crop
            // that hides the region name still carries it in its label, which only teaches the model to guess.
            var (inkTop, inkBottom) = TopRowInk(layout);
            cy = (h / 2) - (Uniform(random, 0.4 * inkTop, inkTop + (0.25 * (inkBottom - inkTop))) * h);
        }

        // Perspective: yaw makes one side taller, pitch one edge wider (fractions of the plate height).
        double yaw = 0, pitch = 0;
        if (Roll(random, d.Perspective, out var ps))
        {
            yaw = (random.NextDouble() * 2 - 1) * 0.18 * ps;
            pitch = (random.NextDouble() * 2 - 1) * 0.18 * ps;
        }

        var theta = Roll(random, d.Rotation, out var rs) ? (random.NextDouble() * 2 - 1) * rs * 12 * Math.PI / 180 : 0;
        Span<(double X, double Y)> rel =
        [
            ((-w / 2) - (pitch * h), (-h / 2) - (yaw * h)),
            ((w / 2) + (pitch * h), (-h / 2) + (yaw * h)),
            ((w / 2) - (pitch * h), (h / 2) - (yaw * h)),
            ((-w / 2) + (pitch * h), (h / 2) + (yaw * h)),
        ];
        var (sin, cos) = Math.SinCos(theta);
        var sx = options.Width / r;
        for (var i = 0; i < 4; i++)
        {
            var x = cx + (rel[i].X * cos) - (rel[i].Y * sin);
            var y = cy + (rel[i].X * sin) + (rel[i].Y * cos);
            corners[i] = new SKPoint((float)(x * sx), (float)(y * options.Height));
        }
    }

    /// <summary>The top and bottom of the top row's ink as fractions of the plate height.</summary>
    private static (double Top, double Bottom) TopRowInk(PlateLayout layout)
    {
        double top = double.MaxValue, bottom = 0;
        foreach (var slot in layout.Slots)
        {
            if (slot.Row == 0)
            {
                top = Math.Min(top, slot.Box.Top);
                bottom = Math.Max(bottom, slot.Box.Bottom);
            }
        }

        return (top / layout.Height, bottom / layout.Height);
    }

    /// <summary>Whether a degradation applies to this sample, and its drawn strength (0..configured).</summary>
    public static bool Roll(Random random, DegradationOptions options, out double strength)
    {
        // Both draws always happen so that later draws do not depend on whether an effect applied.
        var p = random.NextDouble();
        var s = random.NextDouble();
        strength = s * options.Strength;
        return p < options.Probability && options.Strength > 0;
    }

    public static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>Approximately standard normal (Irwin–Hall, 4 terms).</summary>
    public static double Gaussian(Random random) =>
        (random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2.0) * 1.7320508;
}
