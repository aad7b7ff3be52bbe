using System.Runtime.InteropServices;
using Lpr.Core.Imaging;
using Lpr.Synth.Degradations;
using Lpr.Synth.Layout;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Synth.Text;
using OpenCvSharp;
using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// Renders scene frames for localization: a procedural background and 0..n vehicles, each with a
/// plate drawn through its own perspective matrix, with every plate's corners and box. Frames are
/// deterministic per (seed, index); <see cref="GenerateSequence"/> renders one camera view with
/// vehicles passing through consecutive frames (the agent's bundled sample input).
/// </summary>
public sealed class SceneGenerator : IDisposable
{
    private readonly SynthOptions options;
    private readonly FontLibrary fonts;
    private readonly bool ownsFonts;
    private readonly PlateTextSampler sampler;
    private readonly SKTypeface signFace;
    private readonly Lock gate = new();

    public SceneGenerator(SynthOptions options, long seed, FontLibrary? fonts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.EnsureValid();
        Seed = seed;
        ownsFonts = fonts is null;
        this.fonts = fonts ?? FontLibrary.Load(options.Fonts);
        sampler = new PlateTextSampler(options.Text);
        var nanum = options.Fonts.Directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "NanumGothic.ttf", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        signFace = (nanum is null ? null : SKTypeface.FromFile(nanum)) ?? SKTypeface.Default;
    }

    public long Seed { get; }

    /// <summary>Frame <paramref name="index"/>: a random background and 0..MaxPlates vehicles.</summary>
    public SceneSample Generate(long index) => Generate(index, 1f);

    /// <summary>
    /// Frame <paramref name="index"/> rendered at <paramref name="scale"/> times the configured size:
    /// the same scene as <see cref="Generate(long)"/> (same vehicles, plates and effects), drawn
    /// directly at the smaller size with anti-aliasing instead of rendered large and shrunk, which a
    /// detector's reduced input needs many times faster. Boxes and corners are in output pixels.
    /// </summary>
    public SceneSample Generate(long index, float scale)
    {
        if (!(scale is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The render scale must be in (0, 1].");
        }

        var random = SampleRandom.For(Seed, index);
        var scene = options.Scene;
        var count = random.NextDouble() < scene.EmptyProbability ? 0 : random.Next(1, scene.MaxPlates + 1);
        var placements = new List<VehiclePlacement>();
        var columnWidth = scene.Width / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            // One vehicle per column, so vehicles do not hide each other's plates.
            var plateWidth = (float)CropGeometry.Uniform(random, scene.MinPlateWidth, Math.Min(scene.MaxPlateWidth, columnWidth * 0.45));
            var cx = (float)((columnWidth * i) + CropGeometry.Uniform(random, plateWidth * 1.6, Math.Max(plateWidth * 1.6, columnWidth - (plateWidth * 1.6))));
            var cy = (float)CropGeometry.Uniform(random, scene.Height * 0.45, scene.Height - (plateWidth * 0.8));
            var roll = (float)((random.NextDouble() - 0.5) * 2 * scene.MaxRollDegrees);
            var yaw = (float)((random.NextDouble() - 0.5) * 2 * scene.MaxYaw);
            var vehicleSeed = random.Next();
            // Drawn only when enabled, so frames of configurations without pitch stay what they were.
            var pitch = scene.MaxPitch > 0 ? (float)((random.NextDouble() - 0.5) * 2 * scene.MaxPitch) : 0f;
            placements.Add(new VehiclePlacement(cx, cy, plateWidth, roll, yaw, vehicleSeed, pitch));
        }

        return Render(random.Next(), placements, random.Next(), scale);
    }

    public SceneSample[] GenerateBatch(long firstIndex, int count)
    {
        var frames = new SceneSample[count];
        Parallel.For(0, count, i => frames[i] = Generate(firstIndex + i));
        return frames;
    }

    /// <summary>
    /// One fixed camera view; vehicles pass one after another, each visible in 4 consecutive
    /// frames while it approaches (its plate grows and moves down a little), so trackers and
    /// voters have repeated sightings of the same plate.
    /// </summary>
    public SceneSample[] GenerateSequence(int frameCount, int framesPerVehicle = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerVehicle);
        var random = SampleRandom.For(Seed, -1);
        var backgroundSeed = random.Next();
        var scene = options.Scene;
        var vehicles = (frameCount + framesPerVehicle - 1) / framesPerVehicle;
        var starts = new (float X, float Y, float Width, float Roll, float Yaw, int Seed)[vehicles];
        for (var v = 0; v < vehicles; v++)
        {
            var width = (float)CropGeometry.Uniform(random, Math.Max(scene.MinPlateWidth, scene.MaxPlateWidth * 0.5), scene.MaxPlateWidth * 0.75);
            starts[v] = (
                (float)CropGeometry.Uniform(random, scene.Width * 0.3, scene.Width * 0.7),
                (float)CropGeometry.Uniform(random, scene.Height * 0.5, scene.Height * 0.62),
                width,
                (float)((random.NextDouble() - 0.5) * 6),
                (float)((random.NextDouble() - 0.5) * 0.08),
                random.Next());
        }

        var frames = new SceneSample[frameCount];
        Parallel.For(0, frameCount, f =>
        {
            var v = f / framesPerVehicle;
            var step = f % framesPerVehicle;
            var s = starts[v];
            var growth = 1 + (0.06f * step);
            var placement = new VehiclePlacement(s.X + (step * 6), s.Y + (step * s.Width * 0.08f), s.Width * growth, s.Roll, s.Yaw, s.Seed);
            frames[f] = Render(backgroundSeed, [placement], SampleRandom.DeriveSeed(Seed, f), 1f);
        });
        return frames;
    }

    private SceneSample Render(int backgroundSeed, IReadOnlyList<VehiclePlacement> placements, int effectsSeed, float scale)
    {
        var scene = options.Scene;
        // Everything is drawn in the configured frame's coordinates; a scale below 1 maps them onto a
        // smaller surface (the identity case keeps the unscaled matrices exactly as they were).
        var width = scale == 1f ? scene.Width : Math.Max(1, (int)MathF.Round(scene.Width * scale));
        var height = scale == 1f ? scene.Height : Math.Max(1, (int)MathF.Round(scene.Height * scale));
        var toOutput = SKMatrix.CreateScale(scale, scale);
        SKMatrix Output(SKMatrix m) => scale == 1f ? m : SKMatrix.Concat(toOutput, m);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {width}x{height} surface.");
        var canvas = surface.Canvas;
        using var background = new BackgroundPainter();
        using var vehiclePainter = new VehiclePainter();
        using var mountPainter = new PlateMountPainter();
        using var platePainter = new PlatePainter();
        canvas.SetMatrix(toOutput);
        background.Paint(canvas, scene.Width, scene.Height, new Random(backgroundSeed), signFace, scene.MaxDistractors);
        canvas.ResetMatrix();
        var plates = new List<ScenePlate>();
        var vehicles = new List<(SKPicture Picture, SKMatrix Matrix, SKMatrix FrameMatrix)>();
        var frameQuads = new List<Quad>();
        var glyphs = new List<GlyphPlacement>();

        // Farther vehicles (smaller plates) first, so nearer ones cover them.
        foreach (var placement in placements.OrderBy(p => p.PlateWidth))
        {
            var random = new Random(placement.VehicleSeed);
            var text = sampler.Sample(random);
            var layout = PlateLayouts.For(text);
            var style = PlateStyle.Sample(text.Type, random, (float)options.Fonts.MinWidthScale, (float)options.Fonts.MaxWidthScale);
            var font = fonts.HangulFonts[random.Next(fonts.HangulFonts.Count)];
            var digits = fonts.PickDigits(font, random);
            var syllables = fonts.PickSyllables(font, random);
            GlyphPlacer.Place(text, layout, font, syllables, digits, style.WidthScale, style.Bold, glyphs);
            var corners = PlateCorners(placement, layout);
            var toPixels = Homography.FromRectangle(layout.Width, layout.Height, corners);
            // The car is drawn with the affine part of the plate's map: extrapolating a plate's
            // perspective over a car 3–4 plate widths wide would exaggerate it absurdly.
            var affine = scene.VehicleFromPlateCentre ? CentreAffine(toPixels, layout.Width, layout.Height) : toPixels;
            if (!scene.VehicleFromPlateCentre)
            {
                affine.Persp0 = 0;
                affine.Persp1 = 0;
                affine.Persp2 = 1;
            }

            // Recorded once, drawn on the frame and again on the visibility map, so both see the same shapes.
            using (var recorder = new SKPictureRecorder())
            {
                var vehicleCanvas = recorder.BeginRecording(VehicleCullRect);
                if (IsFreePlate(placement))
                {
                    mountPainter.Paint(vehicleCanvas, layout.Width, layout.Height, random);
                }
                else
                {
                    vehiclePainter.Paint(vehicleCanvas, layout.Width, layout.Height, random);
                }

                vehicles.Add((recorder.EndRecording(), Output(affine), affine));
            }

            canvas.SetMatrix(vehicles[^1].Matrix);
            canvas.DrawPicture(vehicles[^1].Picture);
            canvas.SetMatrix(Output(toPixels));
            platePainter.Paint(canvas, layout, glyphs, style, random);
            canvas.ResetMatrix();
            var quad = new Quad(P(corners[0], scale), P(corners[1], scale), P(corners[2], scale), P(corners[3], scale));
            plates.Add(new ScenePlate(text.Text, text.Type, quad, Clip(quad.Bounds(), width, height)));
            frameQuads.Add(new Quad(P(corners[0], 1f), P(corners[1], 1f), P(corners[2], 1f), P(corners[3], 1f)));
        }

        // A nearer vehicle drawn later may hide a farther plate. A plate a quarter hidden or more is no label (no
        // detector, nor a person, is expected to find it); if a quarter of it or more is still seen it is marked
        // partly hidden, so an evaluation neither demands it nor counts a detection of it as false. It is measured in the
        // configured frame's pixels whatever the output scale, so a scene drawn smaller keeps the same labels.
        var partlyHidden = new List<ScenePlate>();
        using (var visibility = new PlateVisibility(scene.Width, scene.Height))
        {
            for (var i = plates.Count - 1; i >= 0; i--)
            {
                var visible = visibility.VisibleFraction(frameQuads[i]);
                if (visible <= 0.75)
                {
                    if (visible >= 0.25)
                    {
                        partlyHidden.Insert(0, plates[i]);
                    }

                    plates.RemoveAt(i);
                }

                // Only the farther plates, measured next, can be hidden by this vehicle.
                if (i > 0)
                {
                    visibility.Cover(vehicles[i].Picture, vehicles[i].FrameMatrix, FartherPlatesBounds(frameQuads, i));
                }

                vehicles[i].Picture.Dispose();
            }
        }

        // Camera effects draw from a source of their own, after every draw of the scene itself, so
        // enabling them changes nothing else and their choices do not depend on the output size.
        var camera = scene.CameraEffects ? SceneCameraEffects.Roll(new Random(SampleRandom.DeriveSeed(effectsSeed, 1)), options.Degradations) : null;
        camera?.DrawOverlays(canvas, width, height);
        canvas.Flush();
        using var pixmap = surface.PeekPixels();
        using var bgra = Mat.FromPixelData(height, width, MatType.CV_8UC4, pixmap.GetPixels(), pixmap.RowBytes);
        using var bgr = new Mat();
        Cv2.CvtColor(bgra, bgr, ColorConversionCodes.BGRA2BGR);
        camera?.ApplyOptics(bgr, plates);
        var effects = new Random(effectsSeed);
        var d = options.Degradations;
        var exposure = CropGeometry.Roll(effects, d.Exposure, out var exposureStrength);
        var gamma = CropGeometry.Roll(effects, d.Gamma, out var gammaStrength);
        var cast = CropGeometry.Roll(effects, d.ColorCast, out var castStrength);
        if (exposure || gamma || cast)
        {
            Photometric.Apply(bgr, effects, exposure ? exposureStrength * 0.5 : 0, gamma ? gammaStrength * 0.5 : 0, cast ? castStrength : 0);
        }

        // Blur and noise are specified at the configured frame size: a smaller output sees them shrunk
        // with it (averaging n x n pixels divides the noise's deviation by n).
        if (CropGeometry.Roll(effects, d.DefocusBlur, out var blurStrength))
        {
            Cv2.GaussianBlur(bgr, bgr, new Size(0, 0), (0.5 + (blurStrength * 1.5)) * scale);
        }

        if (CropGeometry.Roll(effects, d.Noise, out var noiseStrength))
        {
            SensorNoise.Apply(bgr, effects, noiseStrength * 0.5 * scale);
        }

        camera?.ApplyCompression(bgr, scale);
        var data = new byte[width * height * 3];
        var rows = bgr.Rows;
        for (var y = 0; y < rows; y++)
        {
            Marshal.Copy(bgr.Ptr(y), data, y * width * 3, width * 3);
        }

        return new SceneSample(new PixelImage(width, height, 3, data), plates, partlyHidden);
    }

    // From a source of its own, drawn only when enabled, so configurations without free plates keep their frames.
    private bool IsFreePlate(VehiclePlacement placement) =>
        options.Scene.FreePlateProbability > 0
        && new Random(SampleRandom.DeriveSeed(placement.VehicleSeed, 2)).NextDouble() < options.Scene.FreePlateProbability;

    private static SKPoint[] PlateCorners(VehiclePlacement p, PlateLayout layout)
    {
        var w = p.PlateWidth;
        var h = w * layout.Height / layout.Width;
        var (sin, cos) = Math.SinCos(p.RollDegrees * Math.PI / 180);
        // Yaw makes one side taller, pitch the top edge wider (both fractions of the plate height).
        var pitch = p.Pitch * h;
        Span<(float X, float Y)> rel =
        [
            ((-w / 2) - pitch, (-h / 2) - (p.Yaw * h)),
            ((w / 2) + pitch, (-h / 2) + (p.Yaw * h)),
            ((w / 2) - pitch, (h / 2) - (p.Yaw * h)),
            ((-w / 2) + pitch, (h / 2) + (p.Yaw * h)),
        ];
        var corners = new SKPoint[4];
        for (var i = 0; i < 4; i++)
        {
            corners[i] = new SKPoint(
                p.CenterX + (float)((rel[i].X * cos) - (rel[i].Y * sin)),
                p.CenterY + (float)((rel[i].X * sin) + (rel[i].Y * cos)));
        }

        return corners;
    }

    /// <summary>
    /// The plate map's local affine at the plate centre: the plate's mean horizontal and vertical axes.
    /// Unlike the map's affine part (its Jacobian at the plate's top-left corner) it neither shears nor
    /// stretches with yaw and pitch, so a vehicle several plate widths across stays a plausible vehicle.
    /// </summary>
    private static SKMatrix CentreAffine(SKMatrix plateToPixels, float width, float height)
    {
        var centre = plateToPixels.MapPoint(width / 2, height / 2);
        var right = plateToPixels.MapPoint(width, height / 2) - plateToPixels.MapPoint(0, height / 2);
        var down = plateToPixels.MapPoint(width / 2, height) - plateToPixels.MapPoint(width / 2, 0);
        var (ax, ay) = (right.X / width, right.Y / width);
        var (bx, by) = (down.X / height, down.Y / height);
        return new SKMatrix(
            ax, bx, centre.X - (ax * width / 2) - (bx * height / 2),
            ay, by, centre.Y - (ay * width / 2) - (by * height / 2),
            0, 0, 1);
    }

    /// <summary>Where a vehicle may draw, in plate millimetres (a car is a few metres across; the cull rect only bounds the recording).</summary>
    private static readonly SKRect VehicleCullRect = new(-20_000, -20_000, 20_000, 20_000);

    private static PixelRect Clip(PixelRect r, int width, int height)
    {
        var x0 = Math.Clamp(r.X, 0, width);
        var y0 = Math.Clamp(r.Y, 0, height);
        var x1 = Math.Clamp(r.Right, 0, width);
        var y1 = Math.Clamp(r.Bottom, 0, height);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The pixels (with a one-pixel margin) of the plates before <paramref name="count"/>: the farther ones.</summary>
    private static SKRect FartherPlatesBounds(List<Quad> quads, int count)
    {
        var (left, top, right, bottom) = (float.MaxValue, float.MaxValue, float.MinValue, float.MinValue);
        for (var i = 0; i < count; i++)
        {
            var b = quads[i].Bounds();
            (left, top) = (Math.Min(left, b.X - 1), Math.Min(top, b.Y - 1));
            (right, bottom) = (Math.Max(right, b.Right + 2), Math.Max(bottom, b.Bottom + 2));
        }

        return new SKRect(left, top, right, bottom);
    }

    private static PointF32 P(SKPoint p, float scale) => scale == 1f ? new(p.X, p.Y) : new(p.X * scale, p.Y * scale);

    public void Dispose()
    {
        lock (gate)
        {
            signFace.Dispose();
            if (ownsFonts)
            {
                fonts.Dispose();
            }
        }
    }
}
