using Lpr.TfLite;

namespace Lpr.EdgeAgent.Options;

/// <summary>The plate recognizer (<c>Lpr:Recognizer</c>).</summary>
public sealed class RecognizerOptions
{
    public const string SectionName = "Lpr:Recognizer";

    public static readonly string[] Backends = ["auto", "managed", "native", "edgetpu"];

    /// <summary>The int8 TFLite model (<c>Lpr:Recognizer:Model</c>); relative paths are resolved against the application's directory.</summary>
    public string Model { get; set; } = "models/kr-plate-recognizer-int8.tflite";

    /// <summary>
    /// <c>auto</c> (Edge TPU if present, else the native TFLite library, else managed), <c>managed</c>,
    /// <c>native</c> or <c>edgetpu</c> (<c>Lpr:Recognizer:Backend</c>).
    /// </summary>
    public string Backend { get; set; } = "auto";

    /// <summary>
    /// Views of each crop read besides it, their class probabilities averaged before decoding (<c>Lpr:Recognizer:ShiftedReadings</c>,
    /// 0 … 5, see <c>ShiftedCrops</c>): each view is one more model invoke per plate; 0 reads the crop alone (for several
    /// cameras on a CPU-only Raspberry Pi).
    /// </summary>
    public int ShiftedReadings { get; set; } = Lpr.Core.Recognition.ShiftedCrops.Max;

    /// <summary>Recognition worker threads, each with its own recognizer (<c>Lpr:Recognizer:Workers</c>).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>
    /// The TFLite C library, libtensorflowlite_c.so (<c>Lpr:Recognizer:TfLiteLibrary</c>); unset: <c>LPR_TFLITE_LIB</c>,
    /// then <c>.tools/tflite</c> and the system search. Relative paths are resolved against the application's directory.
    /// </summary>
    public string? TfLiteLibrary { get; set; }

    /// <summary>The Edge TPU runtime, libedgetpu.so.1 (<c>Lpr:Recognizer:EdgeTpuLibrary</c>); unset: <c>LPR_EDGETPU_LIB</c>, then the system search.</summary>
    public string? EdgeTpuLibrary { get; set; }

    /// <summary>The engine options of these settings (paths resolved like the model's), for <see cref="InferenceEngineFactory"/>.</summary>
    public EngineOptions ToEngineOptions(AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new EngineOptions
        {
            Backend = EngineOptions.ParseBackend(Backend),
            NativeLibraryPath = string.IsNullOrWhiteSpace(TfLiteLibrary) ? null : paths.Input(TfLiteLibrary),
            EdgeTpuLibraryPath = string.IsNullOrWhiteSpace(EdgeTpuLibrary) ? null : paths.Input(EdgeTpuLibrary),
        };
    }
}
