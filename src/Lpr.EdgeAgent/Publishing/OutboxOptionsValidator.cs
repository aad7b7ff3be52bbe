using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>Start-up checks of <see cref="OutboxOptions"/>; every failure names its configuration key and the reason.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = OutboxOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{S}:Path must name the outbox database file (it is empty).");
        }
        else if (options.Path.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{S}:Path contains characters not allowed in a path ('{options.Path}').");
        }
        else if (Directory.Exists(Outbox.OutboxPath.Resolve(options.Path)))
        {
            failures.Add($"{S}:Path names a directory; it must name the database file ('{options.Path}').");
        }

        if (options.MaxEvents < 1)
        {
            failures.Add($"{S}:MaxEvents must be at least 1 (was {options.MaxEvents}).");
        }

        if (options.MaxBytes < 1024)
        {
            failures.Add($"{S}:MaxBytes must be at least 1024 (was {options.MaxBytes}).");
        }

        if (options.MaxAge <= TimeSpan.Zero)
        {
            failures.Add($"{S}:MaxAge must be greater than zero (was {options.MaxAge}).");
        }

        if (!Enum.IsDefined(options.Durability))
        {
            failures.Add($"{S}:Durability must be Full or Normal (was {options.Durability}).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{S}:BatchSize must be between 1 and 10000 (was {options.BatchSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
