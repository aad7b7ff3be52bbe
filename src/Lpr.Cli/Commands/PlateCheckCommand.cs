using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lpr.Core.Plates;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr plate check TEXT...</c>: parses each text with the plate grammar and prints one JSON object
/// per line (<c>text, valid, region, number, hangul, serial, vehicleType, usage, legacy, error</c>).
/// Exit code 0 when every text is a valid plate, 1 otherwise.
/// </summary>
internal static class PlateCheckCommand
{
    /// <summary>
    /// Keeps Hangul and quotes readable (the default encoder escapes every non-ASCII character and
    /// HTML-sensitive ones). The output is a JSON line for terminals and pipes, never embedded in HTML.
    /// </summary>
    internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static Command Create()
    {
        var texts = new Argument<string[]>("TEXT")
        {
            Description = "Plate texts, e.g. 서울12가3456 123가4567.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check", "Check plate texts against the Korean plate grammar; one JSON line per text.") { texts };
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var allValid = true;
            foreach (var text in parseResult.GetValue(texts) ?? [])
            {
                var result = PlateGrammar.Parse(text);
                allValid &= result.IsValid;
                output.WriteLine(ToJson(result));
            }

            return allValid ? 0 : 1;
        });

        return new Command("plate", "Korean plate grammar tools.") { check };
    }

    /// <summary>One result as a single-line JSON object with exactly the fields of the issue.</summary>
    internal static string ToJson(PlateParseResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            var plate = result.Plate;
            json.WriteStartObject();
            json.WriteString("text", result.Text);
            json.WriteBoolean("valid", result.IsValid);
            json.WriteString("region", plate?.Region);
            json.WriteString("number", plate?.Number);
            json.WriteString("hangul", plate?.Hangul);
            json.WriteString("serial", plate?.Serial);
            json.WriteString("vehicleType", plate is null ? null : JsonNamingPolicy.CamelCase.ConvertName(plate.VehicleType.ToString()));
            json.WriteString("usage", plate is null ? null : JsonNamingPolicy.CamelCase.ConvertName(plate.Usage.ToString()));
            json.WriteBoolean("legacy", plate?.IsLegacy ?? false);
            json.WriteString("error", result.Error);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
