using Lpr.Core.Imaging;

namespace Lpr.Synth.Scenes;

/// <summary>One plate in a scene frame: its text, design, corners (TL, TR, BR, BL) and bounding box in frame pixels.</summary>
public sealed record ScenePlate(string Text, PlateType Type, Quad Corners, PixelRect Box);

/// <summary>
/// A rendered scene frame (BGR), the plates in it (possibly none), and the plates nearer vehicles hide in part (a
/// quarter to three quarters of their pixels): no label a locator must find, nor a false positive where it does.
/// </summary>
public sealed record SceneSample(PixelImage Image, IReadOnlyList<ScenePlate> Plates, IReadOnlyList<ScenePlate> PartlyHidden)
{
    public SceneSample(PixelImage image, IReadOnlyList<ScenePlate> plates)
        : this(image, plates, [])
    {
    }
}
