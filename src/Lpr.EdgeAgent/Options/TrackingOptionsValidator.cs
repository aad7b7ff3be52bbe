using Lpr.Core.Tracking;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

/// <summary>Start-up checks of <c>Lpr:Tracking</c> (bound to Core's <see cref="PlateTrackerOptions"/>).</summary>
internal sealed class TrackingOptionsValidator : IValidateOptions<PlateTrackerOptions>
{
    public const string SectionName = "Lpr:Tracking";

    public ValidateOptionsResult Validate(string? name, PlateTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = SectionName;
        if (options.IouThreshold is < 0 or > 1)
        {
            failures.Add($"{S}:IouThreshold must be between 0 and 1 (was {options.IouThreshold}).");
        }

        if (options.MaxCenterShift < 0)
        {
            failures.Add($"{S}:MaxCenterShift must not be negative (was {options.MaxCenterShift}).");
        }

        if (options.MaxTextDistance < 0)
        {
            failures.Add($"{S}:MaxTextDistance must not be negative (was {options.MaxTextDistance}).");
        }

        if (options.TrackTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:TrackTimeout must be positive (was {options.TrackTimeout}).");
        }

        if (options.AgreeingFrames < 1)
        {
            failures.Add($"{S}:AgreeingFrames must be at least 1 (was {options.AgreeingFrames}).");
        }

        if (options.MaxMissedFrames < 0)
        {
            failures.Add($"{S}:MaxMissedFrames must not be negative (was {options.MaxMissedFrames}).");
        }

        if (options.MinFrames < 1)
        {
            failures.Add($"{S}:MinFrames must be at least 1 (was {options.MinFrames}).");
        }

        if (options.RepeatWindow < TimeSpan.Zero)
        {
            failures.Add($"{S}:RepeatWindow must not be negative (was {options.RepeatWindow}).");
        }

        if (options.MinReadingConfidence is < 0 or > 1)
        {
            failures.Add($"{S}:MinReadingConfidence must be between 0 and 1 (was {options.MinReadingConfidence}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
