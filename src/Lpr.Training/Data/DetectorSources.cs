using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Training.Optimization;

namespace Lpr.Training.Data;

/// <summary>
/// The training and hold-out scene sources a <see cref="DetectorTrainingOptions"/> asks for (one seed
/// each), sharing one loaded font library; disposing this disposes all three.
/// </summary>
public sealed class DetectorSources : IDisposable
{
    private readonly FontLibrary fonts;

    private DetectorSources(FontLibrary fonts, SceneSampleSource train, SceneSampleSource validation)
    {
        this.fonts = fonts;
        Train = train;
        Validation = validation;
    }

    public SceneSampleSource Train { get; }

    public SceneSampleSource Validation { get; }

    /// <summary>The scene settings of <paramref name="options"/>: its synth config file, else <see cref="DetectorScenes"/>.</summary>
    public static SynthOptions SceneOptions(DetectorTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SynthConfig is null ? DetectorScenes.CreateOptions() : SynthConfig.Load(options.SynthConfig);
    }

    /// <summary>Sources for <paramref name="options"/>; <paramref name="seedOffset"/> shifts both seeds (calibration uses its own scenes).</summary>
    public static DetectorSources Create(DetectorTrainingOptions options, int seedOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var synth = SceneOptions(options);
        var architecture = options.ResolveArchitecture();
        var fonts = FontLibrary.Load(synth.Fonts);
        try
        {
            return new DetectorSources(
                fonts,
                new SceneSampleSource(synth, options.Seed + seedOffset, architecture, fonts),
                new SceneSampleSource(synth, options.ValidationSeed + seedOffset, architecture, fonts));
        }
        catch
        {
            fonts.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        fonts.Dispose();
    }
}
