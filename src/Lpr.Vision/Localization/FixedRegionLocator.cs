using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Vision.Imaging;

namespace Lpr.Vision.Localization;

/// <summary>
/// The stand-in locator until a learned or classical one is configured: the plate is assumed to be in
/// a fixed rectangle of the frame (a gate camera aimed at the stopping line) or, without one, to fill
/// the whole frame. It always returns exactly one gray candidate with score 1, clipped to the frame.
/// </summary>
public sealed class FixedRegionLocator(PixelRect? region = null) : IPlateLocator
{
    public string Name => "fixed-region";

    public PixelRect? Region { get; } = region;

    public IReadOnlyList<PlateCandidate> Locate(PixelImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var box = Region is { } configured
            ? FrameTransforms.Clip(configured, frame.Width, frame.Height)
            : new PixelRect(0, 0, frame.Width, frame.Height);
        if (box is not { } inside)
        {
            return [];
        }

        var crop = FrameTransforms.ToGray(FrameTransforms.Crop(frame, inside));
        return [new PlateCandidate(Quad.FromRect(inside), 1f, crop)];
    }
}
