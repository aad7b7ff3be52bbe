using Lpr.Core.Imaging;

namespace Lpr.Core.Localization;

/// <summary>A plate found in a frame: where it is, how sure the locator is, and the rectified crop.</summary>
public sealed record PlateCandidate(Quad Corners, float Score, PixelImage Crop)
{
    public PixelRect Box => Corners.Bounds();
}

/// <summary>
/// Finds plates in a whole camera frame. Implementations (learned detector, classical contours,
/// fixed region of interest) are not required to be thread-safe: one instance per pipeline worker.
/// </summary>
public interface IPlateLocator
{
    string Name { get; }

    IReadOnlyList<PlateCandidate> Locate(PixelImage frame);
}
