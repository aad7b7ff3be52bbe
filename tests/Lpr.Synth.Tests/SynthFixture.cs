using Lpr.Synth.Options;
using Lpr.Synth.Rendering;

namespace Lpr.Synth.Tests;

/// <summary>Fonts are loaded once for the whole test assembly (outline extraction takes a moment).</summary>
public static class SharedFonts
{
    private static readonly Lazy<FontLibrary> Lazy = new(() => FontLibrary.Load(new FontOptions()));

    public static FontLibrary Library => Lazy.Value;
}
