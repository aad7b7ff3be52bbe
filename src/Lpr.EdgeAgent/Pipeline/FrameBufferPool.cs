using System.Collections.Concurrent;
using Lpr.Core.Imaging;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// Frame pixel buffers of one camera, reused. A 720p BGR frame is 2.7 MB: allocated anew 30 times a second it
/// lives on the large-object heap, which only a full collection frees, and the agent's memory balloons between
/// collections. Frames in flight (queued, being recognized) hold a buffer; a dropped or processed frame gives it
/// back. Buffers are exact-size (a <see cref="PixelImage"/> is exactly its pixels); a size change (another
/// camera mode) simply starts new ones, and at most <see cref="Retained"/> idle buffers are kept.
/// </summary>
internal sealed class FrameBufferPool
{
    /// <summary>Idle buffers kept; more frames than this in flight at once means the queue is larger than this.</summary>
    public const int Retained = 12;

    private readonly ConcurrentBag<byte[]> _idle = [];
    private long _allocated;

    /// <summary>Buffers created since start (a steady pipeline stops creating them).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>An image of the given shape backed by a reused buffer (contents undefined).</summary>
    public PixelImage Rent(int width, int height, int channels)
    {
        var size = checked(width * height * channels);
        while (_idle.TryTake(out var buffer))
        {
            if (buffer.Length == size)
            {
                return new PixelImage(width, height, channels, buffer);
            }
        }

        Interlocked.Increment(ref _allocated);
        return new PixelImage(width, height, channels, new byte[size]);
    }

    /// <summary>Gives a rented image's buffer back; the image must not be used afterwards.</summary>
    public void Return(PixelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_idle.Count < Retained)
        {
            _idle.Add(image.Data);
        }
    }
}
