using System.Text.Json.Serialization;
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
public sealed partial class PlateEventJsonContext : JsonSerializerContext;
