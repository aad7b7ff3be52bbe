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
/// counted; a recognizer or detector that cannot be created (corrupt model) stops the agent with exit code 1.
/// </summary>
internal sealed partial class RecognitionWorkers(
    PipelineChannels channels,
    IPlateRecognizerFactory recognizers,
    IOptions<RecognizerOptions> options,
    PlateLocatorFactory locatorFactory,
    IOptions<LocatorOptions> locatorOptions,
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
            if (!TryCreate(recognizers.Create, "recognizer", out var recognizer))
            {
                return;
            }

            using (recognizer)
            {
                statistics.Model = recognizer.ModelName;
                statistics.Backend = recognizer.BackendName;
                if (!TryCreate(locatorFactory.CreateAll, "locator", out var locators))
                {
                    return;
                }

                using var disposeLocators = new LocatorsLease(locators);
                // A proposing locator's candidates are plates only if they read as plates; a fixed region is the plate.
                var verifier = new PlateCandidateVerifier(locatorOptions.Value.MinCandidateConfidence);
                var frameReaders = locators.ToDictionary(
                    c => c.Key, c => new FramePlateReader(c.Value, recognizer, PlateLocatorFactory.Proposes(c.Value) ? verifier : null), StringComparer.Ordinal);
                var reader = channels.Frames.Reader;
                while (reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
                {
                    while (reader.TryRead(out var frame))
                    {
                        liveness.WorkerBusy(worker);
                        List<PlateObservation> observations;
                        try
                        {
                            observations = Recognize(frame, frameReaders[frame.CameraId]);
                        }
                        finally
                        {
                            // Observations hold crops of their own, never the frame's pixels.
                            frame.Release();
                        }

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

    /// <summary>Makes a worker's recognizer or locators; one that cannot be made (corrupt model) stops the agent with exit code 1.</summary>
    private bool TryCreate<T>(Func<T> create, string what, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? created)
        where T : class
    {
        try
        {
            created = create();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            statistics.Error($"{what}: {e.Message}");
            LogCreateFailed(e, what, e.Message);
            exit.Fail(1);
            lifetime.StopApplication();
            created = null;
            return false;
        }
    }

    private List<PlateObservation> Recognize(CapturedFrame frame, FramePlateReader frameReader)
    {
        var observations = new List<PlateObservation>();
        try
        {
            var read = frameReader.Read(frame.Image);
            statistics.Camera(frame.CameraId).Rejected(read.Rejected); // 0 without a verifier
            foreach (var (candidate, reading) in read.Plates)
            {
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

    private sealed class LocatorsLease(Dictionary<string, IPlateLocator> locators) : IDisposable
    {
        public void Dispose() => PlateLocatorFactory.DisposeAll(locators);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Part} cannot be created: {Reason}")]
    private partial void LogCreateFailed(Exception exception, string part, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {CameraId}: recognition of frame {Sequence} failed")]
    private partial void LogFrameFailed(Exception exception, string cameraId, long sequence);
}
