using System.Net;
using System.Net.Sockets;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent;

/// <summary>
/// Builds and runs the agent's generic host. Configuration, later wins: defaults of the embedded run (only
/// when no camera is configured), <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>,
/// <c>$CONFIGURATION_DIRECTORY/appsettings.json</c> (systemd's <c>ConfigurationDirectory=</c>, i.e.
/// <c>/etc/lpr-edge-agent/</c>), environment variables (<c>Lpr__Mqtt__Port=1884</c>) and the command line.
/// </summary>
public static class AgentHost
{
    public const string EmbeddedCameraFolder = "samples/scenes";

    /// <summary>Exit code for a configuration that fails validation.</summary>
    public const int InvalidConfigurationExitCode = 2;

    public static HostApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
        });
        AddSystemdConfigurationDirectory(builder.Configuration);
        if (!builder.Configuration.GetSection("Lpr:Cameras").GetChildren().Any())
        {
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = EmbeddedDefaults() });
            ((IHostApplicationBuilder)builder).Properties[EmbeddedKey] = true;
        }

        builder.Services.AddSystemd();
        var paths = new AgentPaths(builder.Environment.ContentRootPath, Environment.GetEnvironmentVariable("STATE_DIRECTORY"));
        builder.Services.AddLprAgent(builder.Configuration, paths);
        return builder;
    }

    private const string EmbeddedKey = "Lpr.EmbeddedDefault";

    /// <summary>No camera was configured anywhere, so the builder runs the bundled sample scenes once, prints the events and exits.</summary>
    public static bool IsEmbeddedDefault(HostApplicationBuilder builder) =>
        ((IHostApplicationBuilder)builder).Properties.ContainsKey(EmbeddedKey);

    /// <summary>Runs the agent until it is stopped (or its input ends); returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error, Action<HostApplicationBuilder>? customize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        HostApplicationBuilder builder;
        try
        {
            builder = CreateBuilder(args);
        }
        catch (InvalidDataException e)
        {
            // A malformed appsettings file.
            await error.WriteLineAsync($"lpr-edge-agent: cannot read the configuration: {e.Message}").ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }

        customize?.Invoke(builder);
        if (IsEmbeddedDefault(builder) && ModelMissing(builder) is { } model)
        {
            await error.WriteLineAsync(
                $"lpr-edge-agent: no model at {model} yet, so the embedded default (the sample scenes in {EmbeddedCameraFolder}) cannot be read. " +
                "Nothing to do; configure Lpr:Recognizer:Model or ship the trained model.").ConfigureAwait(false);
            return 0;
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException first)
        {
            // The host stops at the first invalid section; list every section's failures so one edit fixes them all.
            await error.WriteLineAsync("lpr-edge-agent: invalid configuration:").ConfigureAwait(false);
            var failures = AllValidationFailures(host.Services);
            foreach (var failure in failures.Count > 0 ? failures : first.Failures)
            {
                await error.WriteLineAsync($"  {failure}").ConfigureAwait(false);
            }

            return InvalidConfigurationExitCode;
        }

        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return host.Services.GetRequiredService<AgentExit>().Code;
    }

    private static List<string> AllValidationFailures(IServiceProvider services)
    {
        var failures = new List<string>();
        void Check<T>()
            where T : class
        {
            try
            {
                _ = services.GetRequiredService<IOptions<T>>().Value;
            }
            catch (OptionsValidationException e)
            {
                failures.AddRange(e.Failures);
            }
        }

        Check<Options.MqttOptions>();
        Check<Options.OutboxOptions>();
        Check<CamerasOptions>();
        Check<RecognizerOptions>();
        Check<PipelineOptions>();
        Check<Core.Tracking.PlateTrackerOptions>();
        Check<KnownPlatesOptions>();
        Check<HealthOptions>();
        Check<LocatorOptions>();
        return failures;
    }

    private static string? ModelMissing(HostApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{RecognizerOptions.SectionName}:{nameof(RecognizerOptions.Model)}"] ?? new RecognizerOptions().Model;
        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(builder.Environment.ContentRootPath, configured);
        return File.Exists(path) ? null : configured;
    }

    private static void AddSystemdConfigurationDirectory(ConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable("CONFIGURATION_DIRECTORY") is not { Length: > 0 } directories)
        {
            return;
        }

        var file = Path.Combine(directories.Split(':')[0], "appsettings.json");
        var index = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var source = new ConfigurationBuilder().AddJsonFile(file, optional: true, reloadOnChange: false).Sources[0];
        configuration.Sources.Insert(index < 0 ? configuration.Sources.Count : index, source);
    }

    private static Dictionary<string, string?> EmbeddedDefaults() => new()
    {
        ["Lpr:Cameras:0:Id"] = "sample",
        ["Lpr:Cameras:0:Source"] = EmbeddedCameraFolder,
        ["Lpr:Cameras:0:WatchFolder"] = "false",
        ["Lpr:Cameras:0:MaxFps"] = "30",
        ["Lpr:Mqtt:Embedded"] = "true",
        ["Lpr:Mqtt:Host"] = "localhost",
        ["Lpr:Mqtt:Port"] = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Lpr:Outbox:Path"] = Path.Combine(Path.GetTempPath(), $"lpr-embedded-{Environment.ProcessId}.db"),
        ["Lpr:Pipeline:ExitWhenInputEnds"] = "true",
        ["Lpr:Pipeline:PrintEvents"] = "true",
    };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
