using Lpr.TfLite.Model;

namespace Lpr.TfLite;

// Contract between the recognizer (engineer A) and the backends (managed interpreter: B2; native TFLite
// and Edge TPU: B1). Created by InferenceEngineFactory. Implementations are NOT thread-safe: use one
// engine per thread. Buffers are the engine's own tensor memory: write inputs in place, call Invoke,
// read outputs; spans stay valid until Dispose (never across a reallocation, which engines do not do
// after construction).

/// <summary>One loaded model ready to run on one backend.</summary>
public interface IInferenceEngine : IDisposable
{
    /// <summary>"managed", "native" or "edgetpu".</summary>
    string BackendName { get; }

    /// <summary>
    /// One line for logs and reports: the backend (with the native library's version) and, when
    /// <see cref="InferenceBackend.Auto"/> passed over a faster backend, why (<see cref="FallbackReason"/>).
    /// </summary>
    string Description => FallbackReason is null ? BackendName : $"{BackendName} (auto fallback: {FallbackReason})";

    /// <summary>
    /// Why <see cref="InferenceBackend.Auto"/> did not choose a faster backend (the Edge TPU or the TFLite C
    /// library is missing, or present but refuses this model), or null when it did not pass one over.
    /// </summary>
    string? FallbackReason => null;

    /// <summary>Shapes, types and quantization of the model's inputs, in input order.</summary>
    IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>Shapes, types and quantization of the model's outputs, in output order.</summary>
    IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Raw little-endian bytes of input <paramref name="index"/>, to be filled before <see cref="Invoke"/>.</summary>
    Span<byte> GetInputBuffer(int index);

    /// <summary>Raw little-endian bytes of output <paramref name="index"/>, valid after <see cref="Invoke"/>.</summary>
    ReadOnlySpan<byte> GetOutputBuffer(int index);

    /// <summary>Runs the model once on the current input buffers.</summary>
    void Invoke();
}
