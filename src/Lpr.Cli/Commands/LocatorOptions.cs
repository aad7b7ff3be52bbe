using System.CommandLine;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Format;
using Lpr.Vision.Localization;

namespace Lpr.Cli.Commands;

/// <summary>
/// The locator options shared by <c>lpr detect</c> and <c>lpr eval-detect</c>: <c>--locator classical|learned</c>
/// (learned when <c>--model</c> is given, classical otherwise), the detector <c>--model</c>, its
/// <c>--descriptor</c>, <c>--backend</c> and <c>--min-score</c>; and opening the locator with one-line errors.
/// </summary>
internal sealed class LocatorOptions
{
    public Option<string?> Locator { get; } = new("--locator")
    {
        Description = "classical (the no-model baseline) or learned (the detector of --model); default: learned with --model, else classical.",
    };

    public Option<FileInfo?> Model { get; } = new("--model")
    {
        Description = "Plate detector model (.tflite) for the learned locator; its descriptor MODEL.json lies beside it unless --descriptor is given.",
    };

    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "Backend of the detector: auto | edgetpu | native | managed.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<FileInfo?> Descriptor { get; } = new("--descriptor")
    {
        Description = "Detector descriptor JSON (default: MODEL.json beside MODEL.tflite).",
    };

    public Option<float?> MinScore { get; } = new("--min-score")
    {
        Description = "Lowest plate score the learned locator keeps (0..1); default: the descriptor's threshold.",
    };

    public LocatorOptions() => Locator.AcceptOnlyFromAmong("classical", "learned");

    public void AddTo(Command command)
    {
        command.Options.Add(Locator);
        command.Options.Add(Model);
        command.Options.Add(Backend);
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
            error.WriteLine("lpr: --locator learned needs --model DETECTOR.tflite.");
            return null;
        }

        try
        {
            var options = new EngineOptions { Backend = EngineOptions.ParseBackend(parseResult.GetValue(Backend) ?? "auto") };
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
