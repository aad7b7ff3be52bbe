using Lpr.EdgeAgent.Publishing;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>Plate events as the pipeline would make them, numbered so a test can tell them apart.</summary>
internal static class TestEvents
{
    public static PlateEvent Create(PlateEventIdGenerator ids, TimeProvider time, string agentId, string cameraId, int number, string? crop = null) => new()
    {
        EventId = ids.Next(),
        Timestamp = time.GetUtcNow(),
        AgentId = agentId,
        CameraId = cameraId,
        Plate = $"{12 + (number % 80)}가{1000 + (number % 9000)}",
        Valid = true,
        Region = null,
        VehicleType = "passenger",
        Usage = "private",
        Confidence = 0.93,
        Characters =
        [
            new("1", 0.99), new("2", 0.98), new("가", 0.91), new("3", 0.97), new("4", 0.96), new("5", 0.95), new("6", 0.94),
        ],
        Bbox = new PlateEventBoundingBox(100 + number % 50, 200, 180, 40),
        Frames = 5,
        Votes = 4,
        Model = "kr-plate-recognizer-int8.tflite",
        Backend = "managed",
        LatencyMs = 42.5,
        Known = number % 3 == 0 ? new PlateEventKnownMatch("resident " + number, ["residents"], 0) : null,
        Crop = crop,
    };
}
