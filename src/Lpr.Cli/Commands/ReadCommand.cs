using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.Vision.Imaging;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr read --model RECOGNIZER.tflite [--backend B] [--locator classical|learned] [--detector DETECTOR.tflite]
/// [--min-score S] [--min-confidence C] [--json] IMAGE...</c>: the agent's per-frame path on whole frames: locate
/// (the learned detector when <c>--detector</c> is given, else the classical locator), read each candidate, keep the
/// candidates the recognizer verifies (a valid plate at <c>--min-confidence</c> or more, overlapping duplicates
/// removed). Per plate one line <c>file TAB text TAB confidence TAB x,y,w,h</c> (a frame without one:
/// <c>file TAB (no plate)</c>), or with <c>--json</c> one object
/// <c>{"file","text","greedy","valid","confidence","chars":[{"token","confidence"}],"box":[x,y,w,h],"corners":[…],"score"}</c>
/// (score: the locator's). Exit 0 when every image was read, 1 when one could not be decoded, 2 when an option
/// or a model is unusable (one line on standard error saying why).
/// </summary>
internal static class ReadCommand
{
    public static Command Create()
    {
        var backend = new BackendOptions();
        // --model is checked when the command runs, so that its absence is exit 2 like any unusable model.
        var recognizerOptions = new RecognizerOptions(backend, "--model", "--descriptor", required: false);
        var locatorOptions = new LocatorOptions(backend, "--detector", "--detector-descriptor");
        var verifierOptions = new VerifierOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object per plate and line." };
        var images = new Argument<FileInfo[]>("IMAGE") { Description = "Frame images (JPEG, PNG, BMP).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("read", "Read the licence plates of whole camera frames: locate, recognize, keep what the recognizer verifies.");
        recognizerOptions.AddTo(command);
        locatorOptions.AddTo(command);
        verifierOptions.AddTo(command);
        command.Options.Add(json);
        command.Arguments.Add(images);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var verifier = verifierOptions.Open(parseResult, error);
            if (verifier is null)
            {
                return 2;
            }

            using var recognizer = recognizerOptions.Open(parseResult, error);
            if (recognizer is null)
            {
                return 2;
            }

            var locator = locatorOptions.Open(parseResult, error);
            if (locator is null)
            {
                return 2;
            }

            using var disposeLocator = locator as IDisposable;
            // Both locators propose candidates (no fixed region here), so every candidate is verified.
            var reader = new FramePlateReader(locator, recognizer, verifier);
            var asJson = parseResult.GetValue(json);
            return ImageArguments.ForEach(parseResult.GetValue(images), error, (image, frame) =>
            {
                var plates = reader.Read(frame).Plates;
                if (plates.Count == 0 && !asJson)
                {
                    output.WriteLine($"{image.Name}\t(no plate)");
                }

                foreach (var (candidate, reading) in plates)
                {
                    output.WriteLine(asJson ? ToJson(image.Name, candidate, reading) : ToLine(image.Name, candidate, reading));
                }
            });
        });
        return command;
    }

    internal static string ToLine(string file, PlateCandidate candidate, PlateReading reading)
    {
        var b = candidate.Box;
        return string.Create(CultureInfo.InvariantCulture, $"{file}\t{reading.Text}\t{reading.Confidence:0.000}\t{b.X},{b.Y},{b.Width},{b.Height}");
    }

    internal static string ToJson(string file, PlateCandidate candidate, PlateReading reading)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PlateCheckCommand.Encoder }))
        {
            json.WriteStartObject();
            RecognizeCommand.WriteReading(json, file, reading);
            DetectCommand.WritePlace(json, candidate);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
