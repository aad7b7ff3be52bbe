using System.CommandLine;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Format;

namespace Lpr.Cli.Commands;

/// <summary>The model options shared by <c>lpr recognize</c> and <c>lpr eval</c>, and opening the recognizer with clear errors.</summary>
internal sealed class RecognizerOptions
{
    public Option<FileInfo> Model { get; } = new("--model")
    {
        Description = "Recognizer model (.tflite); its descriptor MODEL.json lies beside it unless --descriptor is given.",
        Required = true,
    };

    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "auto | edgetpu | native | managed.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<FileInfo?> Descriptor { get; } = new("--descriptor")
    {
        Description = "Model descriptor JSON (default: MODEL.json beside MODEL.tflite).",
    };

    public Option<FileInfo?> TfLiteLibrary { get; } = new("--tflite-lib")
    {
        Description = "The TFLite C library, libtensorflowlite_c.so (default: $LPR_TFLITE_LIB, then .tools/tflite and the system search).",
    };

    public Option<FileInfo?> EdgeTpuLibrary { get; } = new("--edgetpu-lib")
    {
        Description = "The Edge TPU runtime, libedgetpu.so.1 (default: $LPR_EDGETPU_LIB, then the system search).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Backend);
        command.Options.Add(Descriptor);
        command.Options.Add(TfLiteLibrary);
        command.Options.Add(EdgeTpuLibrary);
    }

    /// <summary>
    /// Opens the recognizer, or writes why not to <paramref name="error"/> (one line, never a stack trace)
    /// and returns null. When auto passes over a faster backend, says why on <paramref name="error"/>.
    /// </summary>
    public TfLitePlateRecognizer? Open(ParseResult parseResult, TextWriter error)
    {
        var model = parseResult.GetValue(Model)!;
        IInferenceEngine? engine = null;
        try
        {
            var options = new EngineOptions
            {
                Backend = EngineOptions.ParseBackend(parseResult.GetValue(Backend) ?? "auto"),
                NativeLibraryPath = parseResult.GetValue(TfLiteLibrary)?.FullName,
                EdgeTpuLibraryPath = parseResult.GetValue(EdgeTpuLibrary)?.FullName,
            };

            // TfLitePlateRecognizer.Open in its steps, to see the engine's fallback reason: the model file
            // first (the path is what users get wrong), then its descriptor, then the backend.
            if (!model.Exists)
            {
                throw new FileNotFoundException($"Model file not found: {model.FullName}", model.FullName);
            }

            var descriptor = ModelDescriptor.LoadForModel(model.FullName, parseResult.GetValue(Descriptor)?.FullName);
            engine = InferenceEngineFactory.Create(model.FullName, options);
            var recognizer = new TfLitePlateRecognizer(engine, descriptor, model.Name);
            if (engine.FallbackReason is { } reason)
            {
                error.WriteLine($"lpr: backend auto runs {engine.BackendName}: {reason}");
            }

            return recognizer;
        }
        catch (Exception e) when (e is ModelDescriptorException or BackendUnavailableException or ModelFormatException
            or UnsupportedOperatorException or FileNotFoundException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            engine?.Dispose();
            error.WriteLine($"lpr: cannot open model '{model.FullName}': {e.Message}");
            return null;
        }
#pragma warning disable CA1031 // The command-line boundary: any other failure is still one line, not a stack trace.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            engine?.Dispose();
            error.WriteLine($"lpr: cannot open model '{model.FullName}': unexpected {e.GetType().Name}: {e.Message}");
            return null;
        }
    }
}
