using System.Text.Json.Serialization;

namespace Lpr.EdgeAgent.Publishing.HomeAssistant;

/// <summary>The discovery payload of one Home Assistant MQTT sensor ("last plate" of a camera).</summary>
public sealed record HomeAssistantSensorConfig
{
    public required string Name { get; init; }

    [JsonPropertyName("unique_id")]
    public required string UniqueId { get; init; }

    [JsonPropertyName("state_topic")]
    public required string StateTopic { get; init; }

    [JsonPropertyName("value_template")]
    public required string ValueTemplate { get; init; }

    [JsonPropertyName("json_attributes_topic")]
    public required string JsonAttributesTopic { get; init; }

    [JsonPropertyName("availability_topic")]
    public required string AvailabilityTopic { get; init; }

    [JsonPropertyName("availability_template")]
    public required string AvailabilityTemplate { get; init; }

    public required string Icon { get; init; }

    public required HomeAssistantDevice Device { get; init; }
}

/// <summary>The device all sensors of one agent belong to.</summary>
public sealed record HomeAssistantDevice(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("manufacturer")] string Manufacturer,
    [property: JsonPropertyName("model")] string Model);
