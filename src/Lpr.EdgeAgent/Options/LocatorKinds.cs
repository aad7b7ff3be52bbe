namespace Lpr.EdgeAgent.Options;

/// <summary>The values of <c>Lpr:Cameras:N:Locator</c>.</summary>
public static class LocatorKinds
{
    /// <summary>
    /// <see cref="Fixed"/> when the camera has a <c>PlateRegion</c>; else <see cref="Learned"/> when the detector model
    /// of <c>Lpr:Locator:Model</c> is there; else <see cref="Classical"/> where OpenCvSharp loads; else the whole frame.
    /// </summary>
    public const string Auto = "auto";

    /// <summary>The int8 plate detector (<c>Lpr:Locator:Model</c>) on the recognizer's backend, verified by the recognizer.</summary>
    public const string Learned = "learned";

    /// <summary>The no-model OpenCV locator (edges, outlines, glyph rows), verified by the recognizer.</summary>
    public const string Classical = "classical";

    /// <summary>The camera's <c>PlateRegion</c> (or the whole frame) is the plate crop: a camera aimed at one lane.</summary>
    public const string Fixed = "fixed";

    public static IReadOnlyList<string> Names { get; } = [Auto, Learned, Classical, Fixed];

    public static bool IsKnown(string? value) => value is not null && Names.Contains(value, StringComparer.OrdinalIgnoreCase);

    public static bool Is(string? value, string kind) => string.Equals(value, kind, StringComparison.OrdinalIgnoreCase);
}
