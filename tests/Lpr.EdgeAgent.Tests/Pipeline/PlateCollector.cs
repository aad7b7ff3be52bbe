using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace Lpr.EdgeAgent.Tests.Pipeline;

/// <summary>Subscribes to every plate event of a broker and keeps the parsed payloads.</summary>
internal sealed class PlateCollector : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<JsonElement> _events = new();

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public static async Task<PlateCollector> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var collector = new PlateCollector();
        collector._client.ApplicationMessageReceivedAsync += args =>
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(args.ApplicationMessage.Payload));
            collector._events.Enqueue(json.RootElement.Clone());
            return Task.CompletedTask;
        };
        await collector._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("plate-collector-" + Guid.NewGuid().ToString("N")[..8]).Build(), cancellationToken);
        await collector._client.SubscribeAsync("lpr/+/+/plate", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return collector;
    }

    public async Task WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_events.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
