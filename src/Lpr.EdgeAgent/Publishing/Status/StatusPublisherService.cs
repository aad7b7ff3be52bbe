using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.Mqtt;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>
/// Publishes the retained <c>online</c> status with fresh figures right after each (re)connection and every
/// <c>Lpr:Mqtt:StatusInterval</c> while connected. The <c>offline</c> state comes from the broker's last
/// will or from <see cref="MqttConnection.DisconnectAsync"/> on a clean stop.
/// </summary>
internal sealed partial class StatusPublisherService : BackgroundService
{
    private readonly MqttConnection _connection;
    private readonly IAgentStatusSource _source;
    private readonly SqliteOutbox _outbox;
    private readonly PublishingStatistics _statistics;
    private readonly MqttOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StatusPublisherService> _logger;
    private readonly AgentUptime _uptime;

    public StatusPublisherService(
        MqttConnection connection,
        IAgentStatusSource source,
        SqliteOutbox outbox,
        PublishingStatistics statistics,
        IOptions<MqttOptions> options,
        TimeProvider timeProvider,
        AgentUptime uptime,
        ILogger<StatusPublisherService> logger)
    {
        _connection = connection;
        _source = source;
        _outbox = outbox;
        _statistics = statistics;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _uptime = uptime;
        connection.OnConnected(PublishAsync);
    }

    /// <summary>The status message as it would be published now.</summary>
    public AgentStatusMessage Snapshot()
    {
        var pipeline = _source.GetPipelineStatus();
        var now = _timeProvider.GetUtcNow();
        return new AgentStatusMessage
        {
            State = AgentStatusMessage.Online,
            AgentId = _options.AgentId,
            Timestamp = now,
            UptimeSeconds = Math.Round((now - _uptime.StartedAt).TotalSeconds, 1),
            Model = pipeline.Model,
            Backend = pipeline.Backend,
            Cameras = pipeline.Cameras,
            LatencyP50Ms = pipeline.LatencyP50Ms,
            LatencyP95Ms = pipeline.LatencyP95Ms,
            FramesDropped = pipeline.FramesDropped,
            OutboxDepth = _outbox.Count,
            OutboxEvicted = _outbox.EvictedTotal,
            EventsPublished = _statistics.EventsPublished,
            LastError = pipeline.LastError ?? _statistics.LastError,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.StatusInterval, _timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!_connection.IsConnected)
            {
                continue;
            }

            try
            {
                await PublishAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStatusFailed(ex.Message);
            }
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken) =>
        await _connection.PublishAsync(_connection.StatusMessage(Snapshot()), cancellationToken).ConfigureAwait(false);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Status publish failed: {Error}")]
    private partial void LogStatusFailed(string error);
}
