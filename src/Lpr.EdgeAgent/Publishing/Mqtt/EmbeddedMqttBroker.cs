using System.Net;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>
/// The in-process broker of <c>Lpr:Mqtt:Embedded</c>: MQTTnet's server on loopback only (IPv4 and IPv6)
/// at <c>Lpr:Mqtt:Port</c>, anonymous, without persistence — for the embedded default and for sites
/// whose consumers run on the same device. Registered before the publisher so it starts first and stops last.
/// </summary>
internal sealed partial class EmbeddedMqttBroker : IHostedService, IDisposable
{
    private readonly MqttOptions _options;
    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private MqttServer? _server;

    public EmbeddedMqttBroker(IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.IPv6Loopback)
            .WithDefaultEndpointPort(_options.Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The embedded MQTT broker cannot listen on loopback port {_options.Port} (Lpr:Mqtt:Port): {ex.Message}", ex);
        }

        LogStarted(_options.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on loopback port {Port}")]
    private partial void LogStarted(int port);
}
