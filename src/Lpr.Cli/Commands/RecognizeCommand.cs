using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lpr.Core.Recognition;
using Lpr.Vision.Imaging;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr recognize --model MODEL [--backend B] [--descriptor FILE] [--tflite-lib SO] [--edgetpu-lib SO] [--detector DETECTOR] [--json] IMAGE...</c>: reads the plate
/// of each crop (also reframed along the plate the detector finds in it, with <c>--detector</c>). With <c>--json</c> one object per line:
/// <c>{"file","text","greedy","valid","confidence","chars":[{"token","confidence"}],"backend","ms"}</c>;
/// otherwise <c>file TAB text TAB confidence</c>. Exit 0 when every image was read (valid or not),
/// 1 when an image could not be decoded, 2 when the model cannot be opened (one line on standard error
/// saying why; also one line when backend auto passes over a faster backend, and why).
/// </summary>
internal static class RecognizeCommand
{
    public static Command Create()
    {
        var backend = new BackendOptions();
        var model = new RecognizerOptions(backend, "--model", "--descriptor", required: true);
        var reframe = new ReframeOptions(backend);
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var images = new Argument<FileInfo[]>("IMAGE") { Description = "Plate crop images.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("recognize", "Read the plate text of cropped plate images with a recognizer model.");
        model.AddTo(command);
        reframe.AddTo(command);
        command.Options.Add(json);
        command.Arguments.Add(images);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var recognizer = model.Open(parseResult, error) is { } opened ? reframe.Wrap(opened, parseResult, error) : null;
            if (recognizer is null)
            {
                return 2;
            }

            return ImageArguments.ForEach(parseResult.GetValue(images), error, (image, crop) =>
            {
                var started = Stopwatch.GetTimestamp();
                var reading = recognizer.Recognize(crop);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                output.WriteLine(parseResult.GetValue(json)
                    ? ToJson(image.Name, reading, recognizer.BackendName, ms)
                    : string.Create(CultureInfo.InvariantCulture, $"{image.Name}\t{(reading.Valid ? reading.Text : $"(no valid plate; greedy '{reading.Greedy}')")}\t{reading.Confidence:0.000}"));
            });
        });
        return command;
    }

    /// <summary>The reading's fields of a JSON line (file, text, greedy, valid, confidence, chars), shared with <c>lpr read</c>.</summary>
    internal static void WriteReading(Utf8JsonWriter json, string file, PlateReading reading)
    {
        json.WriteString("file", file);
        json.WriteString("text", reading.Text);
        json.WriteString("greedy", reading.Greedy);
        json.WriteBoolean("valid", reading.Valid);
        json.WriteNumber("confidence", Math.Round(reading.Confidence, 4));
        WriteCharacters(json, reading);
    }

    internal static string ToJson(string file, PlateReading reading, string backend, double milliseconds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PlateCheckCommand.Encoder }))
        {
            json.WriteStartObject();
            WriteReading(json, file, reading);
            json.WriteString("backend", backend);
            json.WriteNumber("ms", Math.Round(milliseconds, 3));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The constrained reading's characters: <c>"chars":[{"token","confidence"}]</c>.</summary>
    internal static void WriteCharacters(Utf8JsonWriter json, PlateReading reading)
    {
        json.WriteStartArray("chars");
        foreach (var c in reading.Characters)
        {
            json.WriteStartObject();
            json.WriteString("token", c.Token);
            json.WriteNumber("confidence", Math.Round(c.Confidence, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
