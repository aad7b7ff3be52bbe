using System.Text.Json;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Publishing.Outbox;

/// <summary>
/// The <see cref="IPlateEventSink"/> of the agent: checks the event, serializes it once (the stored JSON is
/// exactly what is published, byte for byte, on every redelivery) and commits it to the outbox before returning.
/// </summary>
internal sealed partial class OutboxPlateEventSink : IPlateEventSink
{
    private readonly SqliteOutbox _outbox;
    private readonly MqttOptions _options;
    private readonly PublishingStatistics _statistics;
    private readonly ILogger<OutboxPlateEventSink> _logger;

    public OutboxPlateEventSink(SqliteOutbox outbox, IOptions<MqttOptions> options, PublishingStatistics statistics, ILogger<OutboxPlateEventSink> logger)
    {
        _outbox = outbox;
        _options = options.Value;
        _statistics = statistics;
        _logger = logger;
    }

    public ValueTask PublishAsync(PlateEvent plateEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plateEvent);
        cancellationToken.ThrowIfCancellationRequested();
        if (!PlateEventIdGenerator.IsWellFormed(plateEvent.EventId))
        {
            throw new ArgumentException($"PlateEvent.EventId '{plateEvent.EventId}' is not a 26-character ULID; make ids with PlateEventIdGenerator.", nameof(plateEvent));
        }

        if (TopicLevels.Problem(plateEvent.AgentId) is { } agentProblem)
        {
            throw new ArgumentException($"PlateEvent.AgentId {agentProblem} (was '{plateEvent.AgentId}').", nameof(plateEvent));
        }

        if (TopicLevels.Problem(plateEvent.CameraId) is { } cameraProblem)
        {
            throw new ArgumentException($"PlateEvent.CameraId {cameraProblem} (was '{plateEvent.CameraId}').", nameof(plateEvent));
        }

        if (plateEvent.Crop is { } crop && crop.Length > _options.MaxCropBytes)
        {
            _statistics.CropDropped();
            LogCropDropped(plateEvent.EventId, crop.Length, _options.MaxCropBytes);
            plateEvent = plateEvent with { Crop = null };
        }

        var json = JsonSerializer.Serialize(plateEvent, PlateEventJsonContext.Readable.PlateEvent);
        _outbox.Enqueue(plateEvent.EventId, plateEvent.AgentId, plateEvent.CameraId, json);
        _statistics.EventAccepted();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Event {EventId}: crop of {CropBytes} base64 bytes exceeds Lpr:Mqtt:MaxCropBytes ({MaxCropBytes}); published without crop")]
    private partial void LogCropDropped(string eventId, int cropBytes, int maxCropBytes);
}
