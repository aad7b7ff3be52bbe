using System.Runtime.InteropServices;
using Lpr.Core.Imaging;
using Lpr.Synth.Degradations;
using Lpr.Synth.Layout;
using Lpr.Synth.Options;
using Lpr.Synth.Text;
using OpenCvSharp;
using SkiaSharp;

namespace Lpr.Synth.Rendering;

/// <summary>
/// Renders recognizer crops on one thread, reusing its surfaces and buffers. The whole scene
/// (bumper, frame, plate, characters) is drawn once, straight at output resolution through the
/// plate's perspective matrix, so no separate warp is needed; the character label map is drawn
/// through the same matrix without anti-aliasing, so masks align with the ink exactly.
/// </summary>
internal sealed class CropRenderer : IDisposable
{
    private readonly SynthOptions options;
    private readonly FontLibrary fonts;
    private readonly PlateTextSampler sampler;
    private readonly int width;
    private readonly int height;
    private readonly SKSurface colour;
    private readonly SKSurface labels;
    private readonly PlatePainter platePainter = new();
    private readonly SurroundPainter surroundPainter = new();
    private readonly WearPainter wearPainter = new();
    private readonly Overlays overlays = new();
    private readonly SKPaint labelPaint = new() { IsAntialias = false, BlendMode = SKBlendMode.Src, Style = SKPaintStyle.Fill };
    private readonly List<GlyphPlacement> placements = new(12);
    private readonly Mat bgr;
    private readonly Mat small = new();
    private readonly Mat plateMask;
    private readonly byte[] labelRow;

    public CropRenderer(SynthOptions options, FontLibrary fonts)
    {
        this.options = options;
        this.fonts = fonts;
        sampler = new PlateTextSampler(options.Text);
        width = options.Width;
        height = options.Height;
        colour = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {width}x{height} drawing surface.");
        labels = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {width}x{height} mask surface.");
        bgr = new Mat(height, width, MatType.CV_8UC3);
        plateMask = new Mat(height, width, MatType.CV_8UC1);
        labelRow = new byte[width];
    }

    public PlateSample Render(long seed, long index)
    {
        var random = SampleRandom.For(seed, index);
        var text = sampler.Sample(random);
        var layout = PlateLayouts.For(text);
        var style = PlateStyle.Sample(text.Type, random, (float)options.Fonts.MinWidthScale, (float)options.Fonts.MaxWidthScale);
        var hangulFont = fonts.HangulFonts[random.Next(fonts.HangulFonts.Count)];
        var digitFont = fonts.PickDigits(hangulFont, random);
        var syllableFont = fonts.PickSyllables(hangulFont, random);
        GlyphPlacer.Place(text, layout, hangulFont, syllableFont, digitFont, style.WidthScale, style.Bold, placements);

        Span<SKPoint> corners = stackalloc SKPoint[4];
        CropGeometry.PlateCorners(layout, options, random, corners);
        var toPixels = Homography.FromRectangle(layout.Width, layout.Height, corners);
        var d = options.Degradations;

        // Every roll is drawn up front, in a fixed order, so one effect never shifts another's randomness.
        var lowRes = CropGeometry.Roll(random, d.LowResolution, out var lowResStrength);
        var dirt = CropGeometry.Roll(random, d.Dirt, out var dirtStrength);
        var shadow = CropGeometry.Roll(random, d.Shadow, out var shadowStrength);
        var glare = CropGeometry.Roll(random, d.Glare, out var glareStrength);
        var rain = CropGeometry.Roll(random, d.Rain, out var rainStrength);
        var exposure = CropGeometry.Roll(random, d.Exposure, out var exposureStrength);
        var gamma = CropGeometry.Roll(random, d.Gamma, out var gammaStrength);
        var cast = CropGeometry.Roll(random, d.ColorCast, out var castStrength);
        var infrared = CropGeometry.Roll(random, d.NightInfrared, out var infraredStrength);
        var defocus = CropGeometry.Roll(random, d.DefocusBlur, out var defocusStrength);
        var motion = CropGeometry.Roll(random, d.MotionBlur, out var motionStrength);
        var noise = CropGeometry.Roll(random, d.Noise, out var noiseStrength);
        var jpeg = CropGeometry.Roll(random, d.Jpeg, out var jpegStrength);
        var holder = random.NextDouble() < options.Crop.HolderFrameProbability;

        // Low source resolution: draw small, upscale later (a 20–60 px detector crop resized to the input).
        var scale = 1f;
        if (lowRes && height > 20)
        {
            var sourceHeight = height - (lowResStrength * (height - 20));
            scale = (float)Math.Clamp(sourceHeight / height, 0.05, 1);
        }

        var rw = Math.Max(4, (int)Math.Round(width * scale));
        var rh = Math.Max(4, (int)Math.Round(height * scale));
        scale = (float)rh / height;

        var canvas = colour.Canvas;
        canvas.ResetMatrix();
        canvas.Clear(SKColors.Black);
        canvas.SetMatrix(SKMatrix.Concat(SKMatrix.CreateScale(rw / (float)width, scale), toPixels));
        var area = VisibleArea(toPixels, width, height);
        surroundPainter.Paint(canvas, area, layout.Width, layout.Height, holder, random);
        platePainter.Paint(canvas, layout, placements, style, random);
        if (dirt)
        {
            wearPainter.Paint(canvas, layout.Width, layout.Height, dirtStrength, random);
        }

        canvas.ResetMatrix();
        if (shadow)
        {
            overlays.Shadow(canvas, rw, rh, random, shadowStrength);
        }

        if (glare)
        {
            overlays.Glare(canvas, rw, rh, random, glareStrength);
        }

        if (rain)
        {
            overlays.Rain(canvas, rw, rh, random, rainStrength);
        }

        canvas.Flush();
        CopyToBgr(rw, rh);

        if (exposure || gamma || cast)
        {
            Photometric.Apply(bgr, random, exposure ? exposureStrength : 0, gamma ? gammaStrength : 0, cast ? castStrength : 0);
        }

        if (infrared)
        {
            plateMask.SetTo(Scalar.All(0));
            var poly = new Point[4];
            for (var i = 0; i < 4; i++)
            {
                poly[i] = new Point((int)Math.Round(corners[i].X), (int)Math.Round(corners[i].Y));
            }

            Cv2.FillConvexPoly(plateMask, poly, Scalar.All(255));
            NightInfrared.Apply(bgr, plateMask, random, infraredStrength);
        }

        if (defocus)
        {
            Blur.Defocus(bgr, defocusStrength);
        }

        if (motion)
        {
            Blur.Motion(bgr, random, motionStrength);
        }

        if (noise)
        {
            SensorNoise.Apply(bgr, random, noiseStrength);
        }

        if (jpeg)
        {
            JpegArtefacts.Apply(bgr, random, jpegStrength);
        }

        var image = ToPixelImage();
        var mask = RenderLabelMap(toPixels);
        var (quads, boxes) = CharacterGeometry(text, toPixels, mask);
        return new PlateSample(
            image,
            text.Text,
            text.Tokens,
            text.Type,
            new Quad(P(corners[0]), P(corners[1]), P(corners[2]), P(corners[3])),
            quads,
            boxes,
            [.. layout.Slots.Select(slot => slot.Row)],
            mask);
    }

    /// <summary>The plate-millimetre rectangle that covers the whole output image.</summary>
    private static SKRect VisibleArea(SKMatrix toPixels, int width, int height)
    {
        if (!toPixels.TryInvert(out var toMm))
        {
            return new SKRect(-2000, -2000, 2000, 2000);
        }

        ReadOnlySpan<SKPoint> pixelCorners = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var p in pixelCorners)
        {
            var m = toMm.MapPoint(p);
            minX = Math.Min(minX, m.X);
            minY = Math.Min(minY, m.Y);
            maxX = Math.Max(maxX, m.X);
            maxY = Math.Max(maxY, m.Y);
        }

        var area = new SKRect(minX, minY, maxX, maxY);
        area.Inflate(20, 20);
        area.Intersect(new SKRect(-5000, -5000, 5000, 5000));
        return area;
    }

    private void CopyToBgr(int rw, int rh)
    {
        using var pixmap = colour.PeekPixels();
        using var bgra = Mat.FromPixelData(height, width, MatType.CV_8UC4, pixmap.GetPixels(), pixmap.RowBytes);
        if (rw == width && rh == height)
        {
            Cv2.CvtColor(bgra, bgr, ColorConversionCodes.BGRA2BGR);
            return;
        }

        using var roi = new Mat(bgra, new Rect(0, 0, rw, rh));
        Cv2.CvtColor(roi, small, ColorConversionCodes.BGRA2BGR);
        Cv2.Resize(small, bgr, new Size(width, height), 0, 0, InterpolationFlags.Linear);
    }

    private PixelImage ToPixelImage()
    {
        if (options.Grayscale)
        {
            using var gray = new Mat();
            Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
            var data = new byte[width * height];
            CopyRows(gray, data, width);
            return new PixelImage(width, height, 1, data);
        }

        var colourData = new byte[width * height * 3];
        CopyRows(bgr, colourData, width * 3);
        return new PixelImage(width, height, 3, colourData);
    }

    private static void CopyRows(Mat mat, byte[] target, int rowBytes)
    {
        var rows = mat.Rows;
        for (var y = 0; y < rows; y++)
        {
            Marshal.Copy(mat.Ptr(y), target, y * rowBytes, rowBytes);
        }
    }

    /// <summary>Draws every glyph with its token number (k + 1) as the value, no anti-aliasing, through the plate matrix.</summary>
    private byte[] RenderLabelMap(SKMatrix toPixels)
    {
        var canvas = labels.Canvas;
        canvas.ResetMatrix();
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(toPixels);
        foreach (var g in placements)
        {
            labelPaint.Color = new SKColor(0, 0, 0, (byte)(g.TokenIndex + 1));
            canvas.Save();
            canvas.Concat(g.Transform);
            canvas.DrawPath(g.Path, labelPaint);
            canvas.Restore();
        }

        canvas.Flush();
        var mask = new byte[width * height];
        using var pixmap = labels.PeekPixels();
        var source = pixmap.GetPixels();
        for (var y = 0; y < height; y++)
        {
            Marshal.Copy(source + (y * pixmap.RowBytes), labelRow, 0, width);
            labelRow.CopyTo(mask, y * width);
        }

        return mask;
    }

    private (Quad[] Quads, PixelRect[] Boxes) CharacterGeometry(PlateText text, SKMatrix toPixels, byte[] mask)
    {
        var count = text.Tokens.Count;
        var quads = new Quad[count];
        var boxesMm = new SKRect[count];
        for (var i = 0; i < count; i++)
        {
            boxesMm[i] = SKRect.Empty;
        }

        foreach (var g in placements)
        {
            boxesMm[g.TokenIndex] = boxesMm[g.TokenIndex].IsEmpty ? g.BoxMm : SKRect.Union(boxesMm[g.TokenIndex], g.BoxMm);
        }

        for (var i = 0; i < count; i++)
        {
            var b = boxesMm[i];
            quads[i] = new Quad(
                P(toPixels.MapPoint(b.Left, b.Top)),
                P(toPixels.MapPoint(b.Right, b.Top)),
                P(toPixels.MapPoint(b.Right, b.Bottom)),
                P(toPixels.MapPoint(b.Left, b.Bottom)));
        }

        return (quads, MaskBoxes(mask, width, height, count));
    }

    /// <summary>The bounding box of each label's pixels in a label map; zero-size when absent.</summary>
    internal static PixelRect[] MaskBoxes(byte[] mask, int width, int height, int count)
    {
        Span<int> minX = stackalloc int[count];
        Span<int> minY = stackalloc int[count];
        Span<int> maxX = stackalloc int[count];
        Span<int> maxY = stackalloc int[count];
        minX.Fill(int.MaxValue);
        minY.Fill(int.MaxValue);
        maxX.Fill(-1);
        maxY.Fill(-1);
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var id = mask[row + x];
                if (id == 0 || id > count)
                {
                    continue;
                }

                var k = id - 1;
                if (x < minX[k])
                {
                    minX[k] = x;
                }

                if (x > maxX[k])
                {
                    maxX[k] = x;
                }

                if (y < minY[k])
                {
                    minY[k] = y;
                }

                maxY[k] = y;
            }
        }

        var boxes = new PixelRect[count];
        for (var k = 0; k < count; k++)
        {
            boxes[k] = maxX[k] < 0 ? default : new PixelRect(minX[k], minY[k], maxX[k] - minX[k] + 1, maxY[k] - minY[k] + 1);
        }

        return boxes;
    }

    private static PointF32 P(SKPoint p) => new(p.X, p.Y);

    public void Dispose()
    {
        colour.Dispose();
        labels.Dispose();
        platePainter.Dispose();
        surroundPainter.Dispose();
        wearPainter.Dispose();
        overlays.Dispose();
        labelPaint.Dispose();
        bgr.Dispose();
        small.Dispose();
        plateMask.Dispose();
    }
}
