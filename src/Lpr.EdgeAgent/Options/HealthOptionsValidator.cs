using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = HealthOptions.SectionName;
        if (options.StallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:StallTimeout must be positive (was {options.StallTimeout}).");
        }

        if (options.CheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:CheckInterval must be positive (was {options.CheckInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
