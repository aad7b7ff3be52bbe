using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>
/// The consumer side of the tests: an MQTTnet client with a persistent session (so QoS 1 messages published
/// while it is away, e.g. around a broker restart, are queued for it), reconnecting by itself, recording
/// every message it receives with the plate events' ids in arrival order.
/// </summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _eventIds = [];
    private readonly ConcurrentDictionary<string, string> _lastByTopic = new();
    private readonly ConcurrentDictionary<string, string> _plateByEventId = new(StringComparer.Ordinal);
    private Task? _reconnectLoop;

    private TestSubscriber(string host, int port, string filter, string? username, string? password)
    {
        _filter = filter;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-subscriber-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart(false)
            .WithSessionExpiryInterval(600)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        _options = builder.Build();
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var topic = args.ApplicationMessage.Topic;
            var payload = Encoding.UTF8.GetString(args.ApplicationMessage.Payload);
            _lastByTopic[topic] = payload;
            if (topic.EndsWith("/plate", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(payload);
                var eventId = json.RootElement.GetProperty("eventId").GetString()!;
                if (json.RootElement.TryGetProperty("plate", out var plate))
                {
                    _plateByEventId[eventId] = plate.GetString()!;
                }

                lock (_eventIds)
                {
                    _eventIds.Add(eventId);
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Plate event ids in arrival order, duplicates included.</summary>
    public IReadOnlyList<string> EventIds
    {
        get
        {
            lock (_eventIds)
            {
                return [.. _eventIds];
            }
        }
    }

    /// <summary>The plate text of every distinct plate event received, by event id.</summary>
    public IReadOnlyDictionary<string, string> PlateByEventId => new Dictionary<string, string>(_plateByEventId, StringComparer.Ordinal);

    /// <summary>Distinct plate event ids received.</summary>
    public int DistinctCount => EventIds.Distinct(StringComparer.Ordinal).Count();

    /// <summary>The last payload received on <paramref name="topic"/> (retained messages included), or null.</summary>
    public string? LastPayload(string topic) => _lastByTopic.TryGetValue(topic, out var payload) ? payload : null;

    public static async Task<TestSubscriber> ConnectAsync(string host, int port, CancellationToken cancellationToken, string filter = "#", string? username = null, string? password = null)
    {
        var subscriber = new TestSubscriber(host, port, filter, username, password);
        await subscriber.ConnectOnceAsync(cancellationToken);
        subscriber._reconnectLoop = subscriber.KeepConnectedAsync();
        return subscriber;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout}: {what()}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reconnectLoop is not null)
        {
            await _reconnectLoop;
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(0).Build());
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken);
        if (!result.IsSessionPresent)
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_filter, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
        }
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(50, _stop.Token);
                if (!_client.IsConnected)
                {
                    await ConnectOnceAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Broker down: try again at the next tick.
            }
        }
    }
}
