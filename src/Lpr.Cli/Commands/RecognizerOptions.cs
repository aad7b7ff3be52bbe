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

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Backend);
        command.Options.Add(Descriptor);
    }

    /// <summary>Opens the recognizer, or writes why not to <paramref name="error"/> and returns null.</summary>
    public TfLitePlateRecognizer? Open(ParseResult parseResult, TextWriter error)
    {
        var model = parseResult.GetValue(Model)!;
        try
        {
            var options = new EngineOptions { Backend = EngineOptions.ParseBackend(parseResult.GetValue(Backend) ?? "auto") };
            return TfLitePlateRecognizer.Open(model.FullName, options, parseResult.GetValue(Descriptor)?.FullName);
        }
        catch (Exception e) when (e is ModelDescriptorException or BackendUnavailableException or ModelFormatException
            or UnsupportedOperatorException or FileNotFoundException or ArgumentException or IOException)
        {
            error.WriteLine($"lpr: cannot open model '{model.FullName}': {e.Message}");
            return null;
        }
    }
}
