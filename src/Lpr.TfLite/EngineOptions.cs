using Lpr.TfLite.Interpreter;

namespace Lpr.TfLite;

/// <summary>How <see cref="InferenceEngineFactory"/> picks and configures a backend.</summary>
public sealed record EngineOptions
{
    public InferenceBackend Backend { get; init; } = InferenceBackend.Auto;

    /// <summary>
    /// Path of libtensorflowlite_c; null = LPR_TFLITE_LIB, then .tools/tflite and the system search. A path
    /// that does not exist (or another library than the one this process already loaded) makes the native
    /// backend unavailable: <see cref="InferenceBackend.Native"/> fails naming it, auto falls back.
    /// </summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>Path of libedgetpu.so.1; null = LPR_EDGETPU_LIB, then the system search. Checked like <see cref="NativeLibraryPath"/>.</summary>
    public string? EdgeTpuLibraryPath { get; init; }

    /// <summary>The managed interpreter's memory budget (<see cref="ManagedInterpreterOptions.MaxArenaBytes"/>); the native library plans its own memory.</summary>
    public int MaxArenaBytes { get; init; } = ManagedInterpreterOptions.DefaultMaxArenaBytes;

    /// <summary>Threads of the native interpreter (the managed one runs on the caller's thread).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Backend))
        {
            throw new ArgumentException($"Unknown backend {(int)Backend}; use auto, edgetpu, native or managed.", nameof(Backend));
        }

        if (Threads is < 1 or > 64)
        {
            throw new ArgumentException($"Threads must be between 1 and 64 (was {Threads}).", nameof(Threads));
        }

        new ManagedInterpreterOptions { MaxArenaBytes = MaxArenaBytes }.Validate();
    }

    /// <summary>Parses "auto", "edgetpu", "native", "managed" (case-insensitive).</summary>
    public static InferenceBackend ParseBackend(string text) =>
        Enum.TryParse<InferenceBackend>(text, ignoreCase: true, out var backend) && Enum.IsDefined(backend)
            ? backend
            : throw new ArgumentException($"Unknown backend '{text}'; use auto, edgetpu, native or managed.", nameof(text));
}
