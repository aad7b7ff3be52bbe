using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Health;

/// <summary>
/// Reports liveness outward: feeds the systemd watchdog (<c>WATCHDOG=1</c>) and refreshes the liveness file,
/// but only while <see cref="PipelineLiveness"/> says the pipeline moves. When a stage hangs, the watchdog
/// is starved and systemd restarts the service (<c>WatchdogSec=</c> + <c>Restart=on-failure</c>): the feed
/// is derived from the pipeline's progress, not from a timer that would keep a hung agent "alive".
/// </summary>
internal sealed partial class HealthService(
    PipelineLiveness liveness,
    IOptions<HealthOptions> options,
    AgentPaths paths,
    IServiceProvider services,
    TimeProvider time,
    ILogger<HealthService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var health = options.Value;
        var notifier = WatchdogInterval() is not null ? services.GetService(typeof(ISystemdNotifier)) as ISystemdNotifier ?? new SystemdNotifier() : null;
        var interval = health.CheckInterval;
        if (WatchdogInterval() is { } watchdog && watchdog / 2 < interval)
        {
            interval = watchdog / 2;
        }

        var file = string.IsNullOrWhiteSpace(health.LivenessFile) ? null : paths.State(health.LivenessFile);
        string? lastProblem = null;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var problem = liveness.Problem(health.StallTimeout);
            if (problem is null)
            {
                notifier?.Notify(new ServiceState("WATCHDOG=1"));
                Touch(file);
            }
            else if (problem != lastProblem)
            {
                LogStalled(problem);
            }

            lastProblem = problem;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Half of this is how often systemd expects a <c>WATCHDOG=1</c>; null when no watchdog is armed.</summary>
    private static TimeSpan? WatchdogInterval() =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;

    private void Touch(string? file)
    {
        if (file is null)
        {
            return;
        }

        try
        {
            File.WriteAllText(file, time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogLivenessFileFailed(file, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Pipeline stalled: {Problem}; the watchdog is no longer fed")]
    private partial void LogStalled(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot write the liveness file {File}: {Reason}")]
    private partial void LogLivenessFileFailed(string file, string reason);
}
