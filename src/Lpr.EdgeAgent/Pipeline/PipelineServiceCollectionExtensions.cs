using Lpr.Core.Tracking;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Health;
using Lpr.EdgeAgent.Health.Metrics;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Status;
using Lpr.Vision.Capture;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>Registers the agent: options (validated at start), publishing, and the capture → recognize → vote pipeline with health.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddLprAgent(this IServiceCollection services, IConfiguration configuration, AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(paths);

        services.AddOptions<CamerasOptions>().Bind(configuration.GetSection(CamerasOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RecognizerOptions>().Bind(configuration.GetSection(RecognizerOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PlateTrackerOptions>().Bind(configuration.GetSection(TrackingOptionsValidator.SectionName)).ValidateOnStart();
        services.AddOptions<KnownPlatesOptions>().Bind(configuration.GetSection(KnownPlatesOptions.SectionName)).ValidateOnStart();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.AddOptions<LocatorOptions>().Bind(configuration.GetSection(LocatorOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CamerasOptions>, CamerasOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecognizerOptions>, RecognizerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlateTrackerOptions>, TrackingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnownPlatesOptions>, KnownPlatesOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocatorOptions>, LocatorOptionsValidator>());

        services.TryAddSingleton<AgentExit>();
        services.TryAddSingleton<PipelineStatistics>();
        services.TryAddSingleton<IAgentStatusSource>(sp => sp.GetRequiredService<PipelineStatistics>());
        services.TryAddSingleton<PipelineLiveness>();
        services.TryAddSingleton<PipelineChannels>();
        services.TryAddSingleton<KnownPlatesProvider>();
        services.TryAddSingleton<PlateEventFactory>();
        services.TryAddSingleton<IFrameSourceFactory, FrameSourceFactory>();
        services.TryAddSingleton<IPlateRecognizerFactory, ModelRecognizerFactory>();
        services.TryAddSingleton<PlateLocatorFactory>();
        services.TryAddSingleton<AgentMetrics>();
        services.TryAddSingleton<MetricsService>();
        if (configuration.GetValue<bool>($"{PipelineOptions.SectionName}:{nameof(PipelineOptions.PrintEvents)}"))
        {
            services.AddSingleton<IPublishedEventObserver>(_ => new EventPrinter(Console.Out));
        }

        // Publishing first: hosted services stop in reverse order, so the outbox and MQTT outlive the pipeline.
        services.AddLprPublishing(configuration);
        services.AddHostedService<PlateVoteService>();
        services.AddHostedService<RecognitionWorkers>();
        services.AddHostedService<CaptureService>();
        services.AddHostedService<HealthService>();
        // Always registered; it opens no socket unless Lpr:Health:MetricsPort is set (and so reads no raw configuration here).
        services.AddHostedService(sp => sp.GetRequiredService<MetricsService>());
        return services;
    }
}
