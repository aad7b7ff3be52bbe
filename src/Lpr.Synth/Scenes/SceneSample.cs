using Lpr.Core.Imaging;

namespace Lpr.Synth.Scenes;

/// <summary>One plate in a scene frame: its text, design, corners (TL, TR, BR, BL) and bounding box in frame pixels.</summary>
public sealed record ScenePlate(string Text, PlateType Type, Quad Corners, PixelRect Box);

/// <summary>A rendered scene frame (BGR) and the plates in it (possibly none).</summary>
public sealed record SceneSample(PixelImage Image, IReadOnlyList<ScenePlate> Plates);
