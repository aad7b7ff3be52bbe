using Lpr.Core.Imaging;
using Lpr.Synth.Degradations;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using OpenCvSharp;
using SkiaSharp;

namespace Lpr.Synth.Scenes;

/// <summary>
/// The crop degradations a whole camera frame also suffers, for <see cref="SceneOptions.CameraEffects"/>:
/// cast shadows and glare (drawn over the frame), night infrared with its glowing plates, motion blur
/// (the frame's, milder than a crop's) and JPEG. Every choice is rolled once, up front, from the
/// frame's own random source, so which effects apply does not depend on the output size or on
/// what the other effects drew.
/// </summary>
internal sealed class SceneCameraEffects
{
    // A crop's motion blur is up to 9% of its width at strength 1; across a whole frame that would
    // smear every plate beyond reading, so the frame gets a fifth of it (about 2% of the width).
    private const double FrameMotionShare = 0.2;

    private readonly Random random;
    private readonly (bool On, double Strength) shadow, glare, infrared, motion, jpeg;

    private SceneCameraEffects(Random random, DegradationSet d)
    {
        this.random = random;
        shadow = Roll(d.Shadow);
        glare = Roll(d.Glare);
        infrared = Roll(d.NightInfrared);
        motion = Roll(d.MotionBlur);
        jpeg = Roll(d.Jpeg);

        (bool, double) Roll(DegradationOptions options) => (CropGeometry.Roll(random, options, out var strength), strength);
    }

    public static SceneCameraEffects Roll(Random random, DegradationSet degradations)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(degradations);
        return new SceneCameraEffects(random, degradations);
    }

    /// <summary>Shadow and glare over the rendered frame (output pixels, identity matrix).</summary>
    public void DrawOverlays(SKCanvas canvas, int width, int height)
    {
        using var overlays = new Overlays();
        if (shadow.On)
        {
            overlays.Shadow(canvas, width, height, random, shadow.Strength);
        }

        if (glare.On)
        {
            overlays.Glare(canvas, width, height, random, glare.Strength);
        }
    }

    /// <summary>Night infrared (plates lifted as retro-reflective film) and motion blur, before exposure and noise.</summary>
    public void ApplyOptics(Mat bgr, IReadOnlyList<ScenePlate> plates)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(plates);
        if (infrared.On)
        {
            using var mask = new Mat(bgr.Rows, bgr.Cols, MatType.CV_8UC1, Scalar.All(0));
            foreach (var plate in plates)
            {
                Cv2.FillConvexPoly(mask, Points(plate.Corners), Scalar.All(255));
            }

            NightInfrared.Apply(bgr, mask, random, infrared.Strength);
        }

        if (motion.On)
        {
            Blur.Motion(bgr, random, motion.Strength * FrameMotionShare);
        }
    }

    /// <summary>JPEG re-compression after noise; a frame drawn smaller keeps only that share of the blocking.</summary>
    public void ApplyCompression(Mat bgr, float scale)
    {
        if (jpeg.On)
        {
            JpegArtefacts.Apply(bgr, random, jpeg.Strength * scale);
        }
    }

    private static Point[] Points(Quad q) =>
    [
        new((int)MathF.Round(q.TopLeft.X), (int)MathF.Round(q.TopLeft.Y)),
        new((int)MathF.Round(q.TopRight.X), (int)MathF.Round(q.TopRight.Y)),
        new((int)MathF.Round(q.BottomRight.X), (int)MathF.Round(q.BottomRight.Y)),
        new((int)MathF.Round(q.BottomLeft.X), (int)MathF.Round(q.BottomLeft.Y)),
    ];
}
