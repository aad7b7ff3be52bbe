using Lpr.Core.Imaging;
using Lpr.Core.Tracking;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>A frame on its way to recognition: which camera, its sequence number, when it was captured.</summary>
/// <param name="CapturedTimestamp">Monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/>) for latency.</param>
internal sealed record CapturedFrame(string CameraId, long Sequence, DateTimeOffset CapturedAt, long CapturedTimestamp, PixelImage Image);

/// <summary>What recognition found in one frame (possibly nothing), on its way to the vote stage.</summary>
internal sealed record FrameObservations(string CameraId, long Sequence, DateTimeOffset CapturedAt, long CapturedTimestamp, IReadOnlyList<PlateObservation> Observations);
