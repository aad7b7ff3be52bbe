using System.CommandLine;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Format;

namespace Lpr.Cli.Commands;

/// <summary>
/// The recognizer options of <c>lpr recognize</c>, <c>lpr eval</c> and <c>lpr read</c> (<c>--model</c>, <c>--descriptor</c>
/// and the <see cref="BackendOptions"/>), or of the recognizer beside a detector in <c>lpr eval-detect</c>
/// (<c>--recognizer</c>, <c>--recognizer-descriptor</c>, the detector's backend); and opening the recognizer with clear errors.
/// </summary>
internal sealed class RecognizerOptions
{
    private readonly BackendOptions _backend;

    /// <summary>The options of <c>lpr recognize</c> and <c>lpr eval</c>: a required <c>--model</c> with its own backend options.</summary>
    public RecognizerOptions()
        : this(new BackendOptions(), "--model", "--descriptor", required: true)
    {
    }

    /// <param name="backend">The backend options, shared with the command's other model if it has one.</param>
    /// <param name="modelOption">The name of the model option.</param>
    /// <param name="descriptorOption">The name of the descriptor option.</param>
    /// <param name="required">Whether the parser demands the model; if not, <see cref="Open"/> says it is missing (exit 2, not a parse error).</param>
    public RecognizerOptions(BackendOptions backend, string modelOption, string descriptorOption, bool required)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        Model = new(modelOption)
        {
            Description = $"Recognizer model (.tflite); its descriptor MODEL.json lies beside it unless {descriptorOption} is given.",
            Required = required,
        };
        Descriptor = new(descriptorOption)
        {
            Description = "Recognizer descriptor JSON (default: MODEL.json beside MODEL.tflite).",
        };
        ShiftedReadings = new("--shifted-readings")
        {
            Description = $"Views of each crop read besides it, their probabilities averaged (0 … {ShiftedCrops.Max}; 0 reads the crop alone); the agent's Lpr:Recognizer:ShiftedReadings.",
            DefaultValueFactory = _ => ShiftedCrops.Max,
        };
    }

    public Option<FileInfo?> Model { get; }

    public Option<FileInfo?> Descriptor { get; }

    public Option<int> ShiftedReadings { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        _backend.AddTo(command);
        command.Options.Add(Descriptor);
        command.Options.Add(ShiftedReadings);
    }

    /// <summary>Whether the model option was given (an optional recognizer is used only then).</summary>
    public bool IsGiven(ParseResult parseResult) => parseResult.GetValue(Model) is not null;

    /// <summary>
    /// Opens the recognizer, or writes why not to <paramref name="error"/> (one line, never a stack trace)
    /// and returns null. When auto passes over a faster backend, says why on <paramref name="error"/>.
    /// </summary>
    public TfLitePlateRecognizer? Open(ParseResult parseResult, TextWriter error)
    {
        var model = parseResult.GetValue(Model);
        if (model is null)
        {
            error.WriteLine($"lpr: {Model.Name} RECOGNIZER.tflite is required.");
            return null;
        }

        var shifted = parseResult.GetValue(ShiftedReadings);
        if (shifted is < 0 or > ShiftedCrops.Max)
        {
            error.WriteLine($"lpr: {ShiftedReadings.Name} must be between 0 and {ShiftedCrops.Max}, got {shifted}.");
            return null;
        }

        IInferenceEngine? engine = null;
        try
        {
            var options = _backend.Read(parseResult);

            // TfLitePlateRecognizer.Open in its steps, to see the engine's fallback reason: the model file
            // first (the path is what users get wrong), then its descriptor, then the backend.
            if (!model.Exists)
            {
                throw new FileNotFoundException($"Model file not found: {model.FullName}", model.FullName);
            }

            var descriptor = ModelDescriptor.LoadForModel(model.FullName, parseResult.GetValue(Descriptor)?.FullName);
            engine = InferenceEngineFactory.Create(model.FullName, options);
            var recognizer = new TfLitePlateRecognizer(engine, descriptor, model.Name, shiftedReadings: shifted);
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
