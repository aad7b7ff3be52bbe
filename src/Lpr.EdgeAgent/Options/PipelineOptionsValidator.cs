using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = PipelineOptions.SectionName;
        if (options.FrameQueueCapacity is < 1 or > 256)
        {
            failures.Add($"{S}:FrameQueueCapacity must be between 1 and 256 (was {options.FrameQueueCapacity}).");
        }

        if (options.ObservationQueueCapacity is < 1 or > 10_000)
        {
            failures.Add($"{S}:ObservationQueueCapacity must be between 1 and 10000 (was {options.ObservationQueueCapacity}).");
        }

        if (options.CropJpegQuality is < 1 or > 100)
        {
            failures.Add($"{S}:CropJpegQuality must be between 1 and 100 (was {options.CropJpegQuality}).");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"{S}:DrainTimeout must not be negative (was {options.DrainTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
