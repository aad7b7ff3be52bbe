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
