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

    /// <summary>Recognition worker threads, each with its own recognizer (<c>Lpr:Recognizer:Workers</c>).</summary>
    public int Workers { get; set; } = 1;
}
