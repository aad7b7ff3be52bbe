using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

internal sealed class KnownPlatesOptionsValidator(AgentPaths paths) : IValidateOptions<KnownPlatesOptions>
{
    public ValidateOptionsResult Validate(string? name, KnownPlatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = KnownPlatesOptions.SectionName;
        if (options.MaxDistance is < 0 or > 4)
        {
            failures.Add($"{S}:MaxDistance must be between 0 and 4 (was {options.MaxDistance}).");
        }

        for (var i = 0; i < options.Plates.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Plates[i].Plate))
            {
                failures.Add($"{S}:Plates:{i}:Plate must not be empty.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.File) && !File.Exists(paths.Input(options.File)))
        {
            failures.Add($"{S}:File: no file at '{paths.Input(options.File)}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
