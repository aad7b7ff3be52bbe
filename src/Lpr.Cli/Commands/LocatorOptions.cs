using System.CommandLine;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Format;
using Lpr.Vision.Localization;

namespace Lpr.Cli.Commands;

/// <summary>
/// The locator options shared by <c>lpr detect</c>, <c>lpr eval-detect</c> and <c>lpr read</c>: <c>--locator classical|learned</c>
/// (learned when the detector model is given, classical otherwise), the detector model (<c>--model</c>, or
/// <c>--detector</c> where <c>--model</c> is the recognizer), its descriptor, the <see cref="BackendOptions"/> and
/// <c>--min-score</c>; and opening the locator with one-line errors.
/// </summary>
internal sealed class LocatorOptions
{
    private readonly BackendOptions _backend;

    /// <summary>The options of <c>lpr detect</c> and <c>lpr eval-detect</c>: the detector is <c>--model</c>, with its own backend options.</summary>
    public LocatorOptions()
        : this(new BackendOptions(), "--model", "--descriptor")
    {
    }

    /// <param name="backend">The backend options, shared with the command's other model if it has one.</param>
    /// <param name="modelOption">The name of the detector model option.</param>
    /// <param name="descriptorOption">The name of the detector descriptor option.</param>
    public LocatorOptions(BackendOptions backend, string modelOption, string descriptorOption)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        Model = new(modelOption)
        {
            Description = $"Plate detector model (.tflite) for the learned locator; its descriptor MODEL.json lies beside it unless {descriptorOption} is given.",
        };
        Descriptor = new(descriptorOption)
        {
            Description = "Detector descriptor JSON (default: MODEL.json beside MODEL.tflite).",
        };
        Locator = new("--locator")
        {
            Description = $"classical (the no-model baseline) or learned (the detector of {modelOption}); default: learned with {modelOption}, else classical.",
        };
        Locator.AcceptOnlyFromAmong("classical", "learned");
    }

    public Option<string?> Locator { get; }

    public Option<FileInfo?> Model { get; }

    public Option<FileInfo?> Descriptor { get; }

    public Option<float?> MinScore { get; } = new("--min-score")
    {
        Description = "Lowest plate score the learned locator keeps (0..1); default: the descriptor's threshold.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Locator);
        command.Options.Add(Model);
        _backend.AddTo(command);
        command.Options.Add(Descriptor);
        command.Options.Add(MinScore);
    }

    /// <summary>The locator asked for, or null after writing why not to <paramref name="error"/> (one line).</summary>
    public IPlateLocator? Open(ParseResult parseResult, TextWriter error)
    {
        var model = parseResult.GetValue(Model);
        var name = parseResult.GetValue(Locator) ?? (model is null ? "classical" : "learned");
        if (name == "classical")
        {
            return new ClassicalPlateLocator();
        }

        if (model is null)
        {
            error.WriteLine($"lpr: --locator learned needs {Model.Name} DETECTOR.tflite.");
            return null;
        }

        try
        {
            var options = _backend.Read(parseResult);
            var learned = new LearnedLocatorOptions { MinScore = parseResult.GetValue(MinScore) };
            return LearnedPlateLocator.Open(model.FullName, options, parseResult.GetValue(Descriptor)?.FullName, learned);
        }
        catch (Exception e) when (e is ModelDescriptorException or BackendUnavailableException or ModelFormatException
            or UnsupportedOperatorException or FileNotFoundException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"lpr: cannot open detector '{model.FullName}': {e.Message}");
            return null;
        }
    }
}
