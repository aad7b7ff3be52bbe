using Lpr.Core.Imaging;
using Lpr.Core.Recognition;

namespace Lpr.Core.Tracking;

/// <summary>
/// One plate read in one frame: where it was, what the recognizer read, when the frame was captured,
/// and (optionally) the crop, kept so the pass can carry the best crop of the track.
/// </summary>
public sealed record PlateObservation(PixelRect Box, PlateReading Reading, DateTimeOffset CapturedAt, PixelImage? Crop = null)
{
    /// <summary>The text the tracker works with: the constrained text, or the raw greedy one when no valid plate was reachable.</summary>
    public string Text => Reading.Text.Length > 0 ? Reading.Text : Reading.Greedy;
}
