using Lpr.Core.Imaging;

namespace Lpr.Core.Recognition;

/// <summary>
/// Reads the text of one plate crop. An instance owns an interpreter and its buffers, so it is
/// not thread-safe: create one per worker thread (they may share the loaded model file).
/// </summary>
public interface IPlateRecognizer : IDisposable
{
    /// <summary>Model file name, reported in events.</summary>
    string ModelName { get; }

    /// <summary>The backend that actually runs: edgetpu, native or managed.</summary>
    string BackendName { get; }

    PlateReading Recognize(PixelImage crop);
}
