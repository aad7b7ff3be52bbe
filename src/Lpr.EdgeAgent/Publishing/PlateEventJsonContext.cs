using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Lpr.EdgeAgent.Publishing.HomeAssistant;
using Lpr.EdgeAgent.Publishing.Status;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// Source-generated JSON for everything the agent publishes: camelCase names, compact output, nulls
/// written (so <c>known: null</c> is explicit) except where a property opts out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(PlateEvent))]
[JsonSerializable(typeof(AgentStatusMessage))]
[JsonSerializable(typeof(HomeAssistantSensorConfig))]
public sealed partial class PlateEventJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every payload is written with: as <see cref="JsonSerializerContext"/>'s default, but plate
    /// text stays readable Hangul (<c>"서울12가3456"</c>, not <c>"\uC11C\uC6B8…"</c>) for operators reading
    /// topics with mosquitto_sub or logs. Both forms are the same JSON to a parser.
    /// </summary>
    /// <remarks>Built lazily: static initializers of the generated partial run in no defined order relative to ours.</remarks>
    public static PlateEventJsonContext Readable => readable ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.HangulSyllables),
    });

    private static PlateEventJsonContext? readable;
}
