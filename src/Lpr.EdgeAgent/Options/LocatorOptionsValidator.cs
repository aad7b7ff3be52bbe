using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

internal sealed class LocatorOptionsValidator : IValidateOptions<LocatorOptions>
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

        try
        {
            options.Classical.Validate();
        }
        catch (ArgumentException e)
        {
            // The classical options name their settings in camel case, as they appear under Lpr:Locator:Classical.
            failures.Add($"{S}:Classical: {e.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
