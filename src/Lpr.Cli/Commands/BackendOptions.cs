using System.CommandLine;
using Lpr.TfLite;

namespace Lpr.Cli.Commands;

/// <summary>
/// Where a command's models run: <c>--backend</c>, <c>--tflite-lib</c> and <c>--edgetpu-lib</c>. A command with two
/// models (<c>lpr read</c>, <c>lpr eval-detect --recognizer</c>) passes one set to both model options, so both run
/// on one backend, as the agent runs its detector on the recognizer's.
/// </summary>
internal sealed class BackendOptions
{
    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "auto | edgetpu | native | managed.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<FileInfo?> TfLiteLibrary { get; } = new("--tflite-lib")
    {
        Description = "The TFLite C library, libtensorflowlite_c.so (default: $LPR_TFLITE_LIB, then .tools/tflite and the system search).",
    };

    public Option<FileInfo?> EdgeTpuLibrary { get; } = new("--edgetpu-lib")
    {
        Description = "The Edge TPU runtime, libedgetpu.so.1 (default: $LPR_EDGETPU_LIB, then the system search).",
    };

    /// <summary>Adds the options unless <paramref name="command"/> has them already (from the command's other model).</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Backend, TfLiteLibrary, EdgeTpuLibrary })
        {
            if (!command.Options.Contains(option))
            {
                command.Options.Add(option);
            }
        }
    }

    /// <exception cref="ArgumentException">--backend names no backend.</exception>
    public EngineOptions Read(ParseResult parseResult) => new()
    {
        Backend = EngineOptions.ParseBackend(parseResult.GetValue(Backend) ?? "auto"),
        NativeLibraryPath = parseResult.GetValue(TfLiteLibrary)?.FullName,
        EdgeTpuLibraryPath = parseResult.GetValue(EdgeTpuLibrary)?.FullName,
    };
}
