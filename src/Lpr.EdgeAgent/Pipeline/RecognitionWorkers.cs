using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.Core.Recognition;
using Lpr.Core.Tracking;
using Lpr.EdgeAgent.Health;
using Lpr.EdgeAgent.Options;
using Lpr.Vision.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The recognition pool: <c>Lpr:Recognizer:Workers</c> threads, each with its own recognizer and
/// locators, take frames from the frame queue, locate and read the plates, and pass the readings of every
/// frame (also an empty one, so tracks can end) to the vote stage. A frame that fails is logged and
/// counted; a recognizer that cannot be created (corrupt model) stops the agent with exit code 1.
/// </summary>
internal sealed partial class RecognitionWorkers(
    PipelineChannels channels,
    IPlateRecognizerFactory recognizers,
    IOptions<RecognizerOptions> options,
    IOptions<CamerasOptions> cameras,
    PipelineStatistics statistics,
    PipelineLiveness liveness,
    AgentExit exit,
    IHostApplicationLifetime lifetime,
    ILogger<RecognitionWorkers> logger) : BackgroundService
{
    private int _running;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Workers;
        _running = count;
        var workers = Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(() => Run(i, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        return Task.WhenAll(workers);
    }

    private void Run(int worker, CancellationToken stoppingToken)
    {
        try
        {
            IPlateRecognizer recognizer;
            try
            {
                recognizer = recognizers.Create();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                statistics.Error($"recognizer: {e.Message}");
                LogRecognizerFailed(e, e.Message);
                exit.Fail(1);
                lifetime.StopApplication();
                return;
            }

            using (recognizer)
            {
                statistics.Model = recognizer.ModelName;
                statistics.Backend = recognizer.BackendName;
                var locators = cameras.Value.Cameras.ToDictionary(c => c.Id, CreateLocator, StringComparer.Ordinal);
                var reader = channels.Frames.Reader;
                while (reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
                {
                    while (reader.TryRead(out var frame))
                    {
                        liveness.WorkerBusy(worker);
                        var observations = Recognize(frame, locators, recognizer);
                        liveness.WorkerIdle(worker);
                        statistics.Camera(frame.CameraId).Processed();
                        channels.Observations.Writer.WriteAsync(
                            new FrameObservations(frame.CameraId, frame.Sequence, frame.CapturedAt, frame.CapturedTimestamp, observations),
                            stoppingToken).AsTask().GetAwaiter().GetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            liveness.WorkerIdle(worker);
            if (Interlocked.Decrement(ref _running) == 0)
            {
                channels.Observations.Writer.TryComplete();
            }
        }
    }

    private List<PlateObservation> Recognize(CapturedFrame frame, Dictionary<string, IPlateLocator> locators, IPlateRecognizer recognizer)
    {
        var observations = new List<PlateObservation>();
        try
        {
            foreach (var candidate in locators[frame.CameraId].Locate(frame.Image))
            {
                var reading = recognizer.Recognize(candidate.Crop);
                observations.Add(new PlateObservation(candidate.Box, reading, frame.CapturedAt, candidate.Crop));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            statistics.RecognitionFailed($"camera {frame.CameraId} frame {frame.Sequence}: {e.Message}");
            LogFrameFailed(e, frame.CameraId, frame.Sequence);
        }

        return observations;
    }

    private static IPlateLocator CreateLocator(CameraOptions camera)
    {
        PixelRect? region = null;
        if (!string.IsNullOrWhiteSpace(camera.PlateRegion) && GeometryText.TryParseRect(camera.PlateRegion, out var rect) is null)
        {
            region = rect;
        }

        return new FixedRegionLocator(region);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The recognizer cannot be created: {Reason}. Check Lpr:Recognizer:Model and Lpr:Recognizer:Backend")]
    private partial void LogRecognizerFailed(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {CameraId}: recognition of frame {Sequence} failed")]
    private partial void LogFrameFailed(Exception exception, string cameraId, long sequence);
}
