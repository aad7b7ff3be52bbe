using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// Writes timestamps as UTC ISO-8601 with millisecond precision and a <c>Z</c> suffix
/// (<c>2026-05-01T12:34:56.789Z</c>) — the default converter would write <c>+00:00</c> and
/// keep the sender's offset, which consumers comparing strings get wrong.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
