using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

/// <summary>
/// Start-up checks of <c>Lpr:Locator</c>: thresholds in range, the learned and classical settings valid, and the
/// detector model present when a camera asks for the learned locator by name (<c>auto</c> only uses it when it is there).
/// </summary>
internal sealed class LocatorOptionsValidator(AgentPaths paths, IOptions<CamerasOptions> cameras) : IValidateOptions<LocatorOptions>
{
    public ValidateOptionsResult Validate(string? name, LocatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = LocatorOptions.SectionName;
        if (options.MinCandidateConfidence is < 0 or > 1)
        {
            failures.Add($"{S}:MinCandidateConfidence must be between 0 and 1 (was {options.MinCandidateConfidence}).");
        }

        var learnedCameras = cameras.Value.Cameras
            .Select((camera, index) => (camera, index))
            .Where(c => LocatorKinds.Is(c.camera.Locator, LocatorKinds.Learned))
            .Select(c => $"Lpr:Cameras:{c.index}:Locator")
            .ToList();
        if (learnedCameras.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add($"{S}:Model must name the plate detector's .tflite file ({string.Join(", ", learnedCameras)} is 'learned'; it is empty).");
            }
            else if (!File.Exists(paths.Input(options.Model)))
            {
                failures.Add($"{S}:Model: no detector model at '{paths.Input(options.Model)}' ({string.Join(", ", learnedCameras)} is 'learned'; train one with bash scripts/train-detector.sh or choose another locator).");
            }
        }

        // The locators' own options name their settings in camel case, as they appear under their sections.
        Collect(failures, $"{S}:Learned", () => options.Learned.Validate());
        Collect(failures, $"{S}:Classical", () => options.Classical.Validate());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(List<string> failures, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            failures.Add($"{section}: {e.Message}");
        }
    }
}
