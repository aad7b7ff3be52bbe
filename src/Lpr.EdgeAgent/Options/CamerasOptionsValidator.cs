using Lpr.EdgeAgent.Publishing;
using Lpr.Vision.Capture;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

/// <summary>Start-up checks of the cameras; every failure names its key (<c>Lpr:Cameras:N:…</c>) and the reason.</summary>
internal sealed class CamerasOptionsValidator : IValidateOptions<CamerasOptions>
{
    private static readonly int[] Rotations = [0, 90, 180, 270];
    private const int MaxFrameSide = 8192;

    public ValidateOptionsResult Validate(string? name, CamerasOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Cameras.Count; i++)
        {
            var camera = options.Cameras[i];
            var key = $"Lpr:Cameras:{i}";
            if (TopicLevels.Problem(camera.Id) is { } idProblem)
            {
                failures.Add($"{key}:Id {idProblem} (was '{camera.Id}').");
            }
            else if (!ids.Add(camera.Id))
            {
                failures.Add($"{key}:Id '{camera.Id}' is used by another camera; ids must be unique.");
            }

            if (string.IsNullOrWhiteSpace(camera.Source))
            {
                failures.Add($"{key}:Source must name a device (/dev/video0), a URL, a video file or an image folder (it is empty).");
            }

            if (!(camera.MaxFps > 0 && camera.MaxFps <= 120))
            {
                failures.Add($"{key}:MaxFps must be above 0 and at most 120 (was {camera.MaxFps}).");
            }

            if (!Rotations.Contains(camera.Rotation))
            {
                failures.Add($"{key}:Rotation must be 0, 90, 180 or 270 (was {camera.Rotation}).");
            }

            if (!string.IsNullOrWhiteSpace(camera.Roi) && GeometryText.TryParsePolygon(camera.Roi, out _) is { } roiProblem)
            {
                failures.Add($"{key}:Roi {roiProblem}.");
            }

            if (!string.IsNullOrWhiteSpace(camera.PlateRegion) && GeometryText.TryParseRect(camera.PlateRegion, out _) is { } regionProblem)
            {
                failures.Add($"{key}:PlateRegion {regionProblem}.");
            }

            if (!LocatorKinds.IsKnown(camera.Locator))
            {
                failures.Add($"{key}:Locator must be one of {string.Join(", ", LocatorKinds.Names)} (was '{camera.Locator}').");
            }
            else if (LocatorKinds.Is(camera.Locator, LocatorKinds.Classical) && Lpr.Vision.Capture.OpenCvRuntime.LoadProblem is { } openCv)
            {
                failures.Add($"{key}:Locator 'classical' needs OpenCvSharp, which does not load here ({openCv}); use 'learned' (a detector model) or 'fixed' with a PlateRegion.");
            }

            if (!CaptureBackends.TryParse(camera.Backend, out _))
            {
                failures.Add($"{key}:Backend must be one of {string.Join(", ", CaptureBackends.Names)} (was '{camera.Backend}').");
            }

            if (camera.Width is < 0 or > MaxFrameSide || camera.Height is < 0 or > MaxFrameSide || (camera.Width == 0) != (camera.Height == 0))
            {
                failures.Add($"{key}:Width and {key}:Height must both be 0 (probe the source) or both between 1 and {MaxFrameSide} (were {camera.Width} and {camera.Height}).");
            }

            if (camera.ReconnectInitialDelay <= TimeSpan.Zero || camera.ReconnectMaxDelay < camera.ReconnectInitialDelay)
            {
                failures.Add($"{key}:ReconnectInitialDelay must be positive and {key}:ReconnectMaxDelay at least as long (were {camera.ReconnectInitialDelay} and {camera.ReconnectMaxDelay}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
