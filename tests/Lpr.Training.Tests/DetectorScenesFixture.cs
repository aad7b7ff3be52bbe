using Lpr.Synth.Options;
using Lpr.Synth.Rendering;
using Lpr.Training.Data;
using Lpr.Training.Model;

namespace Lpr.Training.Tests;

/// <summary>Fonts are loaded once for the test assembly; the detector tests draw tiny scenes from them.</summary>
internal static class DetectorScenesFixture
{
    private static readonly Lazy<FontLibrary> Fonts = new(() => FontLibrary.Load(new FontOptions()));

    /// <summary>The detector's default scenes, rendered at the scale of <paramref name="architecture"/>'s input.</summary>
    public static SceneSampleSource Source(long seed, DetectorArchitecture architecture) =>
        new(DetectorScenes.CreateOptions(), seed, architecture, Fonts.Value);
}
