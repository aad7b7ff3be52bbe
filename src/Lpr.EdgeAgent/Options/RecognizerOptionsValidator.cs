using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

/// <summary>
/// Start-up checks of the recognizer: the model file must exist, the backend must be known, and a configured
/// native library path must exist (otherwise <c>auto</c> would quietly fall back to the managed interpreter
/// and an explicit backend would fail only when the first recognizer is made).
/// </summary>
internal sealed class RecognizerOptionsValidator(AgentPaths paths) : IValidateOptions<RecognizerOptions>
{
    public ValidateOptionsResult Validate(string? name, RecognizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = RecognizerOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{S}:Model must name the .tflite model file (it is empty).");
        }
        else if (!File.Exists(paths.Input(options.Model)))
        {
            failures.Add($"{S}:Model: no model file at '{paths.Input(options.Model)}'.");
        }

        if (!RecognizerOptions.Backends.Contains(options.Backend, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{S}:Backend must be one of {string.Join(", ", RecognizerOptions.Backends)} (was '{options.Backend}').");
        }

        RequireFileIfSet(failures, $"{S}:TfLiteLibrary", options.TfLiteLibrary, "the TFLite C library, libtensorflowlite_c.so");
        RequireFileIfSet(failures, $"{S}:EdgeTpuLibrary", options.EdgeTpuLibrary, "the Edge TPU runtime, libedgetpu.so.1");

        if (options.Workers is < 1 or > 16)
        {
            failures.Add($"{S}:Workers must be between 1 and 16 (was {options.Workers}).");
        }

        if (options.ShiftedReadings is < 0 or > Lpr.Core.Recognition.ShiftedCrops.Max)
        {
            failures.Add($"{S}:ShiftedReadings must be between 0 and {Lpr.Core.Recognition.ShiftedCrops.Max} (was {options.ShiftedReadings}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void RequireFileIfSet(List<string> failures, string key, string? path, string what)
    {
        if (!string.IsNullOrWhiteSpace(path) && !File.Exists(paths.Input(path)))
        {
            failures.Add($"{key}: no file at '{paths.Input(path)}' ({what}); remove the key to search the usual places.");
        }
    }
}
