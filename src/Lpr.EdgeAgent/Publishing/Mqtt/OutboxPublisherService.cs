using System.Text;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>
/// Delivers the outbox to MQTT: oldest first, one event at a time (so delivery order is outbox order),
/// QoS 1, not retained; an event leaves the outbox only after its PUBACK. A broken connection or a
/// rejected publish leaves the event in place and the loop retries after reconnecting / backing off, so
/// delivery is at-least-once and consumers deduplicate on <c>eventId</c>.
/// </summary>
internal sealed partial class OutboxPublisherService : BackgroundService
{
    // While idle, also how soon a dropped connection is re-established and the age bound applied.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly SqliteOutbox _outbox;
    private readonly MqttConnection _connection;
    private readonly MqttOptions _mqttOptions;
    private readonly OutboxOptions _outboxOptions;
    private readonly PublishingStatistics _statistics;
    private readonly IEnumerable<IPublishedEventObserver> _observers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxPublisherService> _logger;
    private readonly ReconnectBackoff _rejectionBackoff;

    public OutboxPublisherService(
        SqliteOutbox outbox,
        MqttConnection connection,
        IOptions<MqttOptions> mqttOptions,
        IOptions<OutboxOptions> outboxOptions,
        PublishingStatistics statistics,
        IEnumerable<IPublishedEventObserver> observers,
        TimeProvider timeProvider,
        ILogger<OutboxPublisherService> logger)
    {
        _outbox = outbox;
        _connection = connection;
        _mqttOptions = mqttOptions.Value;
        _outboxOptions = outboxOptions.Value;
        _statistics = statistics;
        _observers = observers;
        _timeProvider = timeProvider;
        _logger = logger;
        _rejectionBackoff = new ReconnectBackoff(_mqttOptions.ReconnectInitialDelay, _mqttOptions.ReconnectMaxDelay);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _connection.EnsureConnectedAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await DeliverWaitingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                // The outbox file is unreadable for now (disk full, I/O error): say so and retry, never stop the agent.
                _statistics.Error($"outbox: {ex.Message}");
                LogOutboxFailed(ex.Message);
                await Task.Delay(_rejectionBackoff.NextDelay(), _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverWaitingAsync(CancellationToken stoppingToken)
    {
        _outbox.EvictExpired();
        var batch = _outbox.PeekOldest(_outboxOptions.BatchSize);
        if (batch.Count == 0)
        {
            await _outbox.WaitForNewEventsAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
            return;
        }

        var delivered = await DeliverAsync(batch, stoppingToken).ConfigureAwait(false);
        if (delivered < batch.Count && _connection.IsConnected)
        {
            // Connected but the broker rejected the event: keep it and try again later, without spinning.
            await Task.Delay(_rejectionBackoff.NextDelay(), _timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _connection.DisconnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the batch in order until the first failure; removes what was acknowledged; returns that count.</summary>
    private async Task<int> DeliverAsync(IReadOnlyList<OutboxEntry> batch, CancellationToken cancellationToken)
    {
        var acknowledged = new List<long>(batch.Count);
        try
        {
            foreach (var entry in batch)
            {
                var topic = MqttTopics.Plate(_mqttOptions, entry.AgentId, entry.CameraId);
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(Encoding.UTF8.GetBytes(entry.Payload))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(false)
                    .WithContentType("application/json")
                    .Build();
                var result = await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    var error = $"broker rejected event {entry.EventId} on {topic}: {result.ReasonCode} {result.ReasonString}";
                    _statistics.Error(error);
                    LogRejected(entry.EventId, topic, result.ReasonCode.ToString(), result.ReasonString);
                    break;
                }

                acknowledged.Add(entry.Sequence);
                _statistics.EventPublished();
                _rejectionBackoff.Reset();
                Notify(topic, entry.Payload);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _statistics.Error($"publish failed: {ex.Message}");
            LogPublishFailed(_outbox.Count - acknowledged.Count, ex.Message);
        }
        finally
        {
            _outbox.Remove(acknowledged);
        }

        return acknowledged.Count;
    }

    private void Notify(string topic, string json)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnPublished(topic, json);
            }
#pragma warning disable CA1031 // An observer's bug must not stop delivery; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogObserverFailed(observer.GetType().Name, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Broker rejected event {EventId} on {Topic}: {ReasonCode} {ReasonString}; it stays in the outbox and is retried")]
    private partial void LogRejected(string eventId, string topic, string reasonCode, string? reasonString);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Publishing interrupted ({Error}); {Waiting} events wait in the outbox for the reconnection")]
    private partial void LogPublishFailed(long waiting, string error);

    [LoggerMessage(EventId = 33, Level = LogLevel.Error, Message = "Outbox read/write failed: {Error}; retrying")]
    private partial void LogOutboxFailed(string error);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Published-event observer {Observer} failed: {Error}")]
    private partial void LogObserverFailed(string observer, string error);
}
