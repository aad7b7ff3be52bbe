using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>
/// The agent's one MQTT client (a small adapter over MQTTnet): connects with TLS/credentials/keep-alive
/// and a retained last will <c>offline</c> on the status topic, reconnects with exponential backoff and
/// jitter, and tells listeners after every (re)connection so they can re-announce state. The password is
/// read when connecting (so a rotated file is picked up) and never logged.
/// </summary>
public sealed partial class MqttConnection : IAsyncDisposable, IDisposable
{
    private readonly MqttOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly PublishingStatistics _statistics;
    private readonly ILogger<MqttConnection> _logger;
    private readonly IMqttClient _client;
    private readonly ReconnectBackoff _backoff;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly List<Func<CancellationToken, Task>> _onConnected = [];
    private int _disposed;

    public MqttConnection(IOptions<MqttOptions> options, TimeProvider timeProvider, PublishingStatistics statistics, ILogger<MqttConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _statistics = statistics;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
        _client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected)
            {
                LogDisconnected(_options.Host, _options.Port, args.Reason.ToString(), args.Exception?.Message);
            }

            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Registers work to run after each successful (re)connection (status, discovery). Failures are logged.</summary>
    public void OnConnected(Func<CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_onConnected)
        {
            _onConnected.Add(handler);
        }
    }

    /// <summary>Returns once connected; while the broker is unreachable or refuses, retries with backoff (logging each failure).</summary>
    public async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        while (!_client.IsConnected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan? retryAfter = null;
            try
            {
                if (_client.IsConnected)
                {
                    return;
                }

                try
                {
                    var result = await _client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
                    if (result.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new MqttConnectionRefusedException(result.ResultCode, result.ReasonString);
                    }

                    _backoff.Reset();
                    _statistics.Connected();
                    LogConnected(_options.Host, _options.Port, ClientId);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ObjectDisposedException)
                {
                    var reason = Describe(ex);
                    _statistics.ConnectFailed(reason);
                    retryAfter = _backoff.NextDelay();
                    LogConnectFailed(_options.Host, _options.Port, reason, retryAfter.Value.TotalSeconds, _backoff.Failures);
                }
            }
            finally
            {
                _connectGate.Release();
            }

            if (retryAfter is { } delay)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await RunConnectedHandlersAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes and waits for the broker's acknowledgement (QoS 1) within <c>Lpr:Mqtt:PublishTimeout</c>.</summary>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.PublishTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await _client.PublishAsync(message, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // No PUBACK in time: treat the connection as broken so the next pass reconnects and resends.
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"No PUBACK from {_options.Host}:{_options.Port} within Lpr:Mqtt:PublishTimeout ({_options.PublishTimeout}).");
        }
    }

    /// <summary>Clean stop: publishes the retained <c>offline</c> status, then disconnects (no will is sent on a clean disconnect).</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await PublishAsync(StatusMessage(AgentStatusMessage.Offline), cancellationToken).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDisconnectFailed(ex.Message);
        }
    }

    /// <summary>A retained QoS 1 message on the status topic with <paramref name="payload"/>'s JSON.</summary>
    internal MqttApplicationMessage StatusMessage(AgentStatusMessage payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Status(_options))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload, PlateEventJsonContext.Readable.AgentStatusMessage))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(true)
            .WithContentType("application/json")
            .Build();

    private MqttApplicationMessage StatusMessage(string state) =>
        StatusMessage(new AgentStatusMessage { State = state, AgentId = _options.AgentId, Timestamp = _timeProvider.GetUtcNow() });

    /// <summary>Drops the connection without DISCONNECT (the broker then publishes the last will).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _client.Dispose();
        _connectGate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private string ClientId => string.IsNullOrEmpty(_options.ClientId) ? $"lpr-{_options.AgentId}" : _options.ClientId;

    private MqttClientOptions BuildClientOptions()
    {
        var will = new AgentStatusMessage { State = AgentStatusMessage.Offline, AgentId = _options.AgentId, Timestamp = _timeProvider.GetUtcNow() };
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(ClientId)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithWillTopic(MqttTopics.Status(_options))
            .WithWillPayload(JsonSerializer.SerializeToUtf8Bytes(will, PlateEventJsonContext.Readable.AgentStatusMessage))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json");

        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, ReadPassword());
        }

        if (_options.Tls.Enabled)
        {
            builder = builder.WithTlsOptions(ConfigureTls);
        }

        return builder.Build();
    }

    private void ConfigureTls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls().WithTargetHost(string.IsNullOrEmpty(_options.Tls.ServerName) ? _options.Host : _options.Tls.ServerName);
        if (!string.IsNullOrEmpty(_options.Tls.CaFile))
        {
            var trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(_options.Tls.CaFile);
            tls.WithTrustChain(trust);
        }

        if (!string.IsNullOrEmpty(_options.Tls.ClientCertificateFile) && !string.IsNullOrEmpty(_options.Tls.ClientKeyFile))
        {
            tls.WithClientCertificates([X509Certificate2.CreateFromPemFile(_options.Tls.ClientCertificateFile, _options.Tls.ClientKeyFile)]);
        }
    }

    private byte[] ReadPassword()
    {
        var password = !string.IsNullOrEmpty(_options.PasswordFile)
            ? File.ReadAllText(_options.PasswordFile).TrimEnd('\r', '\n')
            : _options.Password ?? string.Empty;
        return Encoding.UTF8.GetBytes(password);
    }

    private async Task RunConnectedHandlersAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task>[] handlers;
        lock (_onConnected)
        {
            handlers = [.. _onConnected];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(ex.Message);
            }
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        MqttConnectionRefusedException refused => refused.Message,
        _ when ex.InnerException is { } inner => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId}")]
    private partial void LogConnected(string host, int port, string clientId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Cannot connect to MQTT broker {Host}:{Port}: {Reason}; retrying in {RetrySeconds:0.0} s (attempt {Attempt})")]
    private partial void LogConnectFailed(string host, int port, string reason, double retrySeconds, int attempt);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Disconnected from MQTT broker {Host}:{Port} ({Reason}: {Error}); undelivered events stay in the outbox")]
    private partial void LogDisconnected(string host, int port, string reason, string? error);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Clean MQTT disconnect failed: {Error}")]
    private partial void LogDisconnectFailed(string error);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "A post-connect step (status, discovery) failed: {Error}")]
    private partial void LogHandlerFailed(string error);
}
