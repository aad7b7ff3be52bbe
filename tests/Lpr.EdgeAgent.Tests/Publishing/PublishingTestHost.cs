using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>
/// A generic host with just the publishing side (<c>AddLprPublishing</c>), configured like the agent through
/// <c>Lpr:*</c> keys, logging into a <see cref="FakeLogCollector"/> the test can read.
/// </summary>
internal sealed class PublishingTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private PublishingTestHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IPlateEventSink Sink => Services.GetRequiredService<IPlateEventSink>();

    public PlateEventIdGenerator Ids => Services.GetRequiredService<PlateEventIdGenerator>();

    public SqliteOutbox Outbox => Services.GetRequiredService<SqliteOutbox>();

    public PublishingStatistics Statistics => Services.GetRequiredService<PublishingStatistics>();

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>Standard keys for a broker at host:port and an outbox file; <paramref name="extra"/> overrides or adds.</summary>
    public static Dictionary<string, string?> Settings(string host, int port, string outboxPath, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lpr:AgentId"] = "test-agent",
            ["Lpr:Mqtt:Host"] = host,
            ["Lpr:Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lpr:Mqtt:ReconnectInitialDelay"] = "00:00:00.100",
            ["Lpr:Mqtt:ReconnectMaxDelay"] = "00:00:00.500",
            ["Lpr:Mqtt:ConnectTimeout"] = "00:00:03",
            ["Lpr:Mqtt:PublishTimeout"] = "00:00:03",
            ["Lpr:Mqtt:KeepAlive"] = "00:00:05",
            ["Lpr:Outbox:Path"] = outboxPath,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        builder.Services.AddFakeLogging();
        builder.Services.AddLprPublishing(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<PublishingTestHost> StartAsync(IDictionary<string, string?> settings, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var host = Build(settings, configure);
        await host.StartAsync(cancellationToken);
        return new PublishingTestHost(host);
    }

    /// <summary>Publishes <paramref name="count"/> numbered events for <paramref name="cameraId"/> and returns their ids.</summary>
    public async Task<List<string>> PublishAsync(int count, string cameraId, CancellationToken cancellationToken, int firstNumber = 0)
    {
        var time = Services.GetRequiredService<TimeProvider>();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var plateEvent = TestEvents.Create(Ids, time, "test-agent", cameraId, firstNumber + i);
            await Sink.PublishAsync(plateEvent, cancellationToken);
            ids.Add(plateEvent.EventId);
        }

        return ids;
    }

    /// <summary>Clean stop: the publisher says offline and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await _host.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Abrupt end without the hosted services' stop: the MQTT socket is dropped without DISCONNECT (so the
    /// broker sends the last will) and in-flight publishes are abandoned, like a crash of the agent.
    /// </summary>
    public async Task AbandonAsync()
    {
        _stopped = true;
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(timeout.Token);
        }

        _host.Dispose();
    }
}
