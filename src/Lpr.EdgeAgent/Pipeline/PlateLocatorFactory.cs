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
/// frame), <c>classical</c>, or <c>auto</c> (fixed where a PlateRegion is set, else classical where OpenCvSharp's
/// native library loads, else the whole frame, with a warning saying why). One set per worker: locators keep
/// working buffers and are not thread-safe.
/// </summary>
internal sealed partial class PlateLocatorFactory(IOptions<CamerasOptions> cameras, IOptions<LocatorOptions> options, ILogger<PlateLocatorFactory> logger)
{
    /// <summary>One locator per camera id; the caller disposes them (<see cref="IDisposable"/> ones).</summary>
    public Dictionary<string, IPlateLocator> CreateAll() =>
        cameras.Value.Cameras.ToDictionary(c => c.Id, Create, StringComparer.Ordinal);

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

    private IPlateLocator Create(CameraOptions camera)
    {
        var kind = camera.Locator.ToLowerInvariant();
        if (kind == LocatorKinds.Auto)
        {
            if (!string.IsNullOrWhiteSpace(camera.PlateRegion))
            {
                kind = LocatorKinds.Fixed;
            }
            else if (OpenCvRuntime.IsAvailable)
            {
                kind = LocatorKinds.Classical;
            }
            else
            {
                LogNoClassicalLocator(camera.Id, OpenCvRuntime.LoadProblem);
                kind = LocatorKinds.Fixed;
            }
        }

        // An explicit 'classical' without OpenCvSharp is refused at start-up by CamerasOptionsValidator.
        if (kind == LocatorKinds.Classical)
        {
            return CreateClassical(options.Value.Classical);
        }

        PixelRect? region = null;
        if (!string.IsNullOrWhiteSpace(camera.PlateRegion) && GeometryText.TryParseRect(camera.PlateRegion, out var rect) is null)
        {
            region = rect;
        }

        return new FixedRegionLocator(region);
    }

    // Its own method so that compiling Create never resolves the OpenCV-backed locator on a device without OpenCvSharp.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ClassicalPlateLocator CreateClassical(ClassicalLocatorOptions classical) => new(classical);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: no PlateRegion and the classical locator is unavailable ({Problem}); the whole frame is read as one plate crop")]
    private partial void LogNoClassicalLocator(string cameraId, string? problem);
}
