using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing.HomeAssistant;
using Lpr.EdgeAgent.Publishing.Mqtt;
using Lpr.EdgeAgent.Publishing.Outbox;
using Lpr.EdgeAgent.Publishing.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>Registers the publishing side of the agent: options, outbox, sink, MQTT publisher, status, broker, discovery.</summary>
public static class PublishingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Lpr:Mqtt:*</c> and <c>Lpr:Outbox:*</c> options (validated at start; messages name the key),
    /// the SQLite outbox and the <see cref="IPlateEventSink"/> writing to it, the embedded broker when
    /// <c>Lpr:Mqtt:Embedded</c> is true, the outbox publisher, the status publisher (reading
    /// <see cref="IAgentStatusSource"/>; an empty one unless the pipeline registers its own) and Home Assistant
    /// discovery when enabled. Call it before the pipeline's hosted services so publishing starts first and stops last.
    /// </summary>
    public static IServiceCollection AddLprPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MqttOptions>()
            .Bind(configuration.GetSection(MqttOptions.SectionName))
            .Configure(options => options.AgentId = configuration["Lpr:AgentId"] is { Length: > 0 } agentId ? agentId : DefaultAgentId())
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());

        services.TryAddSingleton<PublishingStatistics>();
        services.TryAddSingleton<AgentUptime>();
        services.TryAddSingleton<PlateEventIdGenerator>();
        services.TryAddSingleton(sp => new SqliteOutbox(
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteOutbox>>()));
        services.TryAddSingleton<IPlateEventSink, OutboxPlateEventSink>();
        services.TryAddSingleton<IAgentStatusSource, EmptyAgentStatusSource>();
        services.TryAddSingleton<MqttConnection>();

        var mqtt = configuration.GetSection(MqttOptions.SectionName);
        if (mqtt.GetValue<bool>(nameof(MqttOptions.Embedded)))
        {
            services.AddHostedService<EmbeddedMqttBroker>();
        }

        if (mqtt.GetSection(nameof(MqttOptions.HomeAssistant)).GetValue<bool>(nameof(HomeAssistantOptions.Enabled)))
        {
            services.AddHostedService(sp => new HomeAssistantDiscovery(
                sp.GetRequiredService<MqttConnection>(),
                sp.GetRequiredService<IOptions<MqttOptions>>().Value,
                () => ConfiguredCameraIds(configuration),
                sp.GetRequiredService<ILogger<HomeAssistantDiscovery>>()));
        }

        // Stop order is the reverse: the publisher stops (and says offline) before the embedded broker.
        services.AddHostedService<StatusPublisherService>();
        services.AddHostedService<OutboxPublisherService>();
        return services;
    }

    /// <summary>The host name, lower-cased, with characters unsafe in a topic level replaced by '-'.</summary>
    internal static string DefaultAgentId()
    {
        var name = Environment.MachineName.ToLowerInvariant();
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        return string.IsNullOrEmpty(safe) ? "lpr-agent" : safe;
    }

    private static string[] ConfiguredCameraIds(IConfiguration configuration) =>
        [.. configuration.GetSection("Lpr:Cameras").GetChildren()
            .Select(camera => camera["Id"])
            .OfType<string>()
            .Where(id => id.Length > 0)];
}
