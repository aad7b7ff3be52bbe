using Lpr.Core.Imaging;
using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Synth.Scenes;
using Lpr.Training.Model;
using Lpr.Vision.Imaging;

namespace Lpr.Training.Data;

/// <summary>
/// Detector samples from the scene renderer (Lpr.Synth), streamed without touching disk: frame
/// <c>index</c> under a seed is always the same scene, rendered directly at the detector's input
/// scale (the configured frame letterboxed to the top-left of the input, as
/// <c>TfLitePlateDetector</c> does with camera frames), converted to gray with the agent's formula,
/// padded with 0.
/// </summary>
public sealed class SceneSampleSource : ISampleSource<DetectorSample>, IDisposable
{
    private readonly SceneGenerator generator;
    private readonly DetectorArchitecture architecture;
    private readonly float scale;

    public SceneSampleSource(SynthOptions options, long seed, DetectorArchitecture architecture, FontLibrary? fonts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(architecture);
        options.EnsureValid();
        this.architecture = architecture;
        scale = Math.Min(architecture.InputWidth / (float)options.Scene.Width, architecture.InputHeight / (float)options.Scene.Height);
        if (scale > 1)
        {
            throw new ArgumentException(
                $"Scene frames of {options.Scene.Width}x{options.Scene.Height} are smaller than the detector input {architecture.InputWidth}x{architecture.InputHeight}.", nameof(options));
        }

        generator = new SceneGenerator(options, seed, fonts);
        Description = $"Lpr.Synth scenes {options.Scene.Width}x{options.Scene.Height} at scale {scale:0.###} into {architecture.InputWidth}x{architecture.InputHeight}, seed {seed}";
    }

    public int ImageHeight => architecture.InputHeight;

    public int ImageWidth => architecture.InputWidth;

    /// <summary>Input pixels per frame pixel.</summary>
    public float InputScale => scale;

    public string Description { get; }

    public DetectorSample Create(long index)
    {
        var scene = generator.Generate(index, scale);
        var gray = FrameTransforms.ToGray(scene.Image);
        var pixels = new float[ImageHeight * ImageWidth];
        var (width, height) = (Math.Min(gray.Width, ImageWidth), Math.Min(gray.Height, ImageHeight));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * ImageWidth) + x] = gray.Data[(y * gray.Width) + x] * (1f / 255f);
            }
        }

        var plates = scene.Plates.Select(p => p.Corners).ToArray();
        var targets = DetectorTargets.Build(plates, architecture.GridWidth, architecture.GridHeight, architecture.OutputStride);
        return new DetectorSample(pixels, plates, scale, targets);
    }

    public void Dispose() => generator.Dispose();
}
