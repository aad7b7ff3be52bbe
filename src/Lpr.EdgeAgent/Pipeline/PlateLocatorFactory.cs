using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.EdgeAgent.Options;
using Lpr.Vision.Capture;
using Lpr.Vision.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// Builds the locator of each camera from <c>Lpr:Cameras:N:Locator</c>: <c>fixed</c> (its PlateRegion, or the whole
/// frame), <c>learned</c> (the detector of <c>Lpr:Locator:Model</c> on the recognizer's backend), <c>classical</c>, or
/// <c>auto</c> (fixed where a PlateRegion is set, else learned where the detector model is, else classical where
/// OpenCvSharp's native library loads, else the whole frame, with a warning saying why). One set per worker:
/// locators keep working buffers and are not thread-safe.
/// </summary>
internal sealed partial class PlateLocatorFactory(
    IOptions<CamerasOptions> cameras,
    IOptions<LocatorOptions> options,
    IOptions<RecognizerOptions> recognizer,
    AgentPaths paths,
    ILogger<PlateLocatorFactory> logger)
{
    /// <summary>
    /// One locator per camera id; the caller disposes them (<see cref="IDisposable"/> ones). A detector model that
    /// cannot be loaded throws <see cref="InvalidOperationException"/> naming <c>Lpr:Locator:Model</c>.
    /// </summary>
    public Dictionary<string, IPlateLocator> CreateAll()
    {
        var locators = new Dictionary<string, IPlateLocator>(StringComparer.Ordinal);
        try
        {
            foreach (var camera in cameras.Value.Cameras)
            {
                locators[camera.Id] = Create(camera);
            }

            return locators;
        }
        catch
        {
            DisposeAll(locators);
            throw;
        }
    }

    public static void DisposeAll(Dictionary<string, IPlateLocator> locators)
    {
        ArgumentNullException.ThrowIfNull(locators);
        foreach (var locator in locators.Values)
        {
            (locator as IDisposable)?.Dispose();
        }
    }

    /// <summary>Whether the camera's locator proposes candidates that the recognizer must verify.</summary>
    public static bool Proposes(IPlateLocator locator) => locator is not FixedRegionLocator;

    /// <summary>The locator kind <paramref name="camera"/> gets, with <c>auto</c> resolved.</summary>
    public string KindOf(CameraOptions camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var kind = camera.Locator.ToLowerInvariant();
        if (kind != LocatorKinds.Auto)
        {
            return kind;
        }

        if (!string.IsNullOrWhiteSpace(camera.PlateRegion))
        {
            return LocatorKinds.Fixed;
        }

        if (!string.IsNullOrWhiteSpace(options.Value.Model) && File.Exists(DetectorPath))
        {
            return LocatorKinds.Learned;
        }

        return OpenCvRuntime.IsAvailable ? LocatorKinds.Classical : LocatorKinds.Fixed;
    }

    private string DetectorPath => paths.Input(options.Value.Model);

    private IPlateLocator Create(CameraOptions camera)
    {
        var kind = KindOf(camera);
        switch (kind)
        {
            case LocatorKinds.Learned:
                var learned = CreateLearned();
                LogLearnedLocator(camera.Id, learned.Detector.ModelName, learned.Detector.BackendName);
                return learned;

            // An explicit 'classical' without OpenCvSharp is refused at start-up by CamerasOptionsValidator.
            case LocatorKinds.Classical:
                LogLocator(camera.Id, kind, "OpenCV");
                return CreateClassical(options.Value.Classical);
        }

        if (LocatorKinds.Is(camera.Locator, LocatorKinds.Auto) && string.IsNullOrWhiteSpace(camera.PlateRegion))
        {
            LogWholeFrame(camera.Id, DetectorPath, OpenCvRuntime.LoadProblem);
        }

        PixelRect? region = null;
        if (!string.IsNullOrWhiteSpace(camera.PlateRegion) && GeometryText.TryParseRect(camera.PlateRegion, out var rect) is null)
        {
            region = rect;
        }

        LogLocator(camera.Id, LocatorKinds.Fixed, region is null ? "whole frame" : camera.PlateRegion!);
        return new FixedRegionLocator(region);
    }

    private LearnedPlateLocator CreateLearned()
    {
        var model = DetectorPath;
        try
        {
            return LearnedPlateLocator.Open(model, recognizer.Value.ToEngineOptions(paths), options: options.Value.Learned);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidOperationException(
                $"The detector model '{model}' (Lpr:Locator:Model) cannot be loaded with backend '{recognizer.Value.Backend}' (Lpr:Recognizer:Backend): {e.Message}", e);
        }
    }

    // Its own method so that compiling Create never resolves the OpenCV-backed locator on a device without OpenCvSharp.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ClassicalPlateLocator CreateClassical(ClassicalLocatorOptions classical) => new(classical);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: locator learned ({DetectorModel} on {Backend})")]
    private partial void LogLearnedLocator(string cameraId, string detectorModel, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: locator {Locator} ({Detail})")]
    private partial void LogLocator(string cameraId, string locator, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: no PlateRegion, no detector model at {DetectorModel} and the classical locator is unavailable ({Problem}); the whole frame is read as one plate crop")]
    private partial void LogWholeFrame(string cameraId, string detectorModel, string? problem);
}
