using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Lpr.Vision.Capture;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Capture;

/// <summary>Starts one dedicated capture thread per configured camera and stops them with the host.</summary>
internal sealed class CaptureService(
    IOptions<CamerasOptions> cameras,
    AgentPaths paths,
    IFrameSourceFactory sources,
    PipelineChannels channels,
    PipelineStatistics statistics,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Thread> _threads = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<CaptureService>();
        foreach (var camera in cameras.Value.Cameras)
        {
            var loop = new CameraLoop(camera, paths, sources, channels, statistics, time, logger);
            var thread = new Thread(() => loop.Run(_stopping.Token)) { IsBackground = true, Name = $"capture {camera.Id}" };
            _threads.Add(thread);
            thread.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var thread in _threads)
        {
            // A blocked device read returns within a frame time; do not hold the shutdown for a hung driver.
            await Task.Run(() => thread.Join(TimeSpan.FromSeconds(5)), cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
