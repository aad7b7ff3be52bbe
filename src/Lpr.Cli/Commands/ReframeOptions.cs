using System.CommandLine;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.TfLite;
using Lpr.TfLite.Format;
using Lpr.Vision.Recognition;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>--detector DETECTOR.tflite [--detector-descriptor FILE]</c> of the commands that read crops (<c>lpr recognize</c>, <c>lpr eval</c>): each crop is
/// also read reframed along the plate the detector finds in it (<see cref="ReframingPlateRecognizer"/>), on the
/// recognizer's backend.
/// </summary>
internal sealed class ReframeOptions(BackendOptions backend)
{
    public Option<FileInfo?> Detector { get; } = new("--detector")
    {
        Description = "Plate detector (.tflite, its descriptor MODEL.json beside it): also read each crop reframed along the plate the "
            + "detector finds in it, keeping the valid or the more confident reading (for crops framed by another cutter).",
    };

    public Option<FileInfo?> DetectorDescriptor { get; } = new("--detector-descriptor")
    {
        Description = "Detector descriptor JSON (default: MODEL.json beside the --detector model).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Detector);
        command.Options.Add(DetectorDescriptor);
    }

    /// <summary>
    /// The recognizer, wrapped to reframe crops when <c>--detector</c> is given; null (the recognizer disposed) after
    /// writing why the detector cannot be opened to <paramref name="error"/> in one line.
    /// </summary>
    public IPlateRecognizer? Wrap(IPlateRecognizer recognizer, ParseResult parseResult, TextWriter error)
    {
        if (parseResult.GetValue(Detector) is not { } model)
        {
            return recognizer;
        }

        try
        {
            return new ReframingPlateRecognizer(recognizer, TfLitePlateDetector.Open(model.FullName, backend.Read(parseResult), parseResult.GetValue(DetectorDescriptor)?.FullName));
        }
        catch (Exception e) when (e is ModelDescriptorException or BackendUnavailableException or ModelFormatException
            or UnsupportedOperatorException or FileNotFoundException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            recognizer.Dispose();
            error.WriteLine($"lpr: cannot open detector '{model.FullName}': {e.Message}");
            return null;
        }
    }
}
