using Lpr.Core.Imaging;
using Lpr.Core.Tracking;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>A frame on its way to recognition: which camera, its sequence number, when it was captured.</summary>
/// <param name="CapturedTimestamp">Monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/>) for latency.</param>
/// <param name="Pool">Where <see cref="Image"/>'s buffer goes back once the frame is dropped or processed; null when not pooled.</param>
internal sealed record CapturedFrame(string CameraId, long Sequence, DateTimeOffset CapturedAt, long CapturedTimestamp, PixelImage Image, FrameBufferPool? Pool = null)
{
    private int _released;

    /// <summary>Returns the pixels to the camera's pool (once); nothing may read <see cref="Image"/> afterwards.</summary>
    public void Release()
    {
        if (Pool is not null && Interlocked.Exchange(ref _released, 1) == 0)
        {
            Pool.Return(Image);
        }
    }
}

/// <summary>What recognition found in one frame (possibly nothing), on its way to the vote stage.</summary>
internal sealed record FrameObservations(string CameraId, long Sequence, DateTimeOffset CapturedAt, long CapturedTimestamp, IReadOnlyList<PlateObservation> Observations);
