using Lpr.Core.Imaging;

namespace Lpr.Core.Localization;

/// <summary>One plate a detector reports: its corners (TL, TR, BR, BL) and score in [0, 1], before NMS and cropping.</summary>
public readonly record struct PlateDetection(Quad Corners, float Score);
