using System.Text.Json.Serialization;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// One plate seen during one vehicle pass, as published on <c>&lt;prefix&gt;/&lt;agentId&gt;/&lt;cameraId&gt;/plate</c>.
/// The JSON shape (camelCase, see <see cref="PlateEventJsonContext"/>) is the public contract described by
/// <c>docs/plate-event.schema.json</c>; add fields, never rename or remove them.
/// </summary>
public sealed record PlateEvent
{
    /// <summary>Sortable unique id (26-char ULID, see <see cref="PlateEventIdGenerator"/>); consumers deduplicate on it.</summary>
    public required string EventId { get; init; }

    /// <summary>When the pass was decided, UTC; serialized as ISO-8601 with a trailing <c>Z</c>.</summary>
    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset Timestamp { get; init; }

    public required string AgentId { get; init; }

    public required string CameraId { get; init; }

    /// <summary>The voted plate text, e.g. <c>12가3456</c> or <c>서울12가3456</c>.</summary>
    public required string Plate { get; init; }

    /// <summary>Whether <see cref="Plate"/> follows the plate grammar (invalid texts are published only when configured).</summary>
    public required bool Valid { get; init; }

    /// <summary>Region prefix of legacy/commercial plates (e.g. <c>서울</c>), null when the plate has none.</summary>
    public string? Region { get; init; }

    /// <summary>Vehicle type derived from the number by the grammar (e.g. <c>passenger</c>), null when unknown.</summary>
    public string? VehicleType { get; init; }

    /// <summary>Usage derived from the Hangul syllable by the grammar (e.g. <c>private</c>, <c>commercial</c>), null when unknown.</summary>
    public string? Usage { get; init; }

    /// <summary>Overall confidence of the voted text, 0..1.</summary>
    public required double Confidence { get; init; }

    /// <summary>Voted characters in reading order, with their confidence.</summary>
    public required IReadOnlyList<PlateEventCharacter> Characters { get; init; }

    /// <summary>Plate bounding box in frame pixels of the best frame.</summary>
    public required PlateEventBoundingBox Bbox { get; init; }

    /// <summary>Frames of the track that contributed to the vote.</summary>
    public required int Frames { get; init; }

    /// <summary>Frames whose reading agreed with the voted text.</summary>
    public required int Votes { get; init; }

    /// <summary>Model file name that produced the readings.</summary>
    public required string Model { get; init; }

    /// <summary>Backend that actually ran: <c>edgetpu</c>, <c>native</c> or <c>managed</c>.</summary>
    public required string Backend { get; init; }

    /// <summary>Milliseconds from capture of the best frame to the event's creation.</summary>
    public required double LatencyMs { get; init; }

    /// <summary>The known-plates match, or null (always written, so a gate controller can act on it alone).</summary>
    public required PlateEventKnownMatch? Known { get; init; }

    /// <summary>Optional JPEG of the plate crop, base64; omitted from JSON when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Crop { get; init; }
}
