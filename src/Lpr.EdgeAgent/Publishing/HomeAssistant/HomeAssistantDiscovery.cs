using System.Text.Json;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lpr.EdgeAgent.Publishing.HomeAssistant;

/// <summary>
/// Home Assistant MQTT discovery (when <c>Lpr:Mqtt:HomeAssistant:Enabled</c>): after each connection,
/// publishes a retained config for one "last plate" sensor per camera, whose state is the <c>plate</c> of the
/// camera's events, whose attributes are the whole event, and whose availability follows the status topic.
/// </summary>
internal sealed partial class HomeAssistantDiscovery : IHostedService
{
    private readonly MqttConnection _connection;
    private readonly MqttOptions _options;
    private readonly Func<IReadOnlyList<string>> _cameraIds;
    private readonly ILogger<HomeAssistantDiscovery> _logger;

    public HomeAssistantDiscovery(MqttConnection connection, MqttOptions options, Func<IReadOnlyList<string>> cameraIds, ILogger<HomeAssistantDiscovery> logger)
    {
        _connection = connection;
        _options = options;
        _cameraIds = cameraIds;
        _logger = logger;
        connection.OnConnected(PublishAsync);
    }

    // Hosted only so it exists from start-up: the work happens in the connection's on-connected callback.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Topic of the discovery config of one camera's sensor.</summary>
    public static string ConfigTopic(MqttOptions options, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{options.HomeAssistant.DiscoveryPrefix}/sensor/lpr_{options.AgentId}/{cameraId}_plate/config";
    }

    /// <summary>The discovery config of one camera's sensor.</summary>
    public static HomeAssistantSensorConfig SensorConfig(MqttOptions options, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plateTopic = MqttTopics.Plate(options, options.AgentId, cameraId);
        return new HomeAssistantSensorConfig
        {
            Name = $"{cameraId} last plate",
            UniqueId = $"lpr_{options.AgentId}_{cameraId}_plate",
            StateTopic = plateTopic,
            ValueTemplate = "{{ value_json.plate }}",
            JsonAttributesTopic = plateTopic,
            AvailabilityTopic = MqttTopics.Status(options),
            AvailabilityTemplate = "{{ value_json.state }}",
            Icon = "mdi:car-info",
            Device = new HomeAssistantDevice([$"lpr_{options.AgentId}"], $"LPR agent {options.AgentId}", "Lpr", "lpr-edge-agent"),
        };
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        foreach (var cameraId in _cameraIds())
        {
            if (TopicLevels.Problem(cameraId) is not null)
            {
                continue; // The pipeline's options validation reports bad camera ids; discovery just skips them.
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(ConfigTopic(_options, cameraId))
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(SensorConfig(_options, cameraId), PlateEventJsonContext.Readable.HomeAssistantSensorConfig))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(true)
                .Build();
            await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            LogAnnounced(cameraId);
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Debug, Message = "Home Assistant discovery published for camera {CameraId}")]
    private partial void LogAnnounced(string cameraId);
}
