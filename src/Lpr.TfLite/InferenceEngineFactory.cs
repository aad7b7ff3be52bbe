using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;

namespace Lpr.TfLite;

/// <summary>
/// Creates the <see cref="IInferenceEngine"/> for a model file. Auto selection: the Edge TPU when
/// libedgetpu loads, a device is attached and an Edge TPU model is at hand (the file itself, or its
/// sibling <c>NAME_edgetpu.tflite</c>); else the TFLite C library when it loads; else the managed
/// interpreter. An explicit backend that cannot run fails with <see cref="BackendUnavailableException"/>
/// saying what is missing and how to install it.
/// </summary>
public static class InferenceEngineFactory
{
    public const string EdgeTpuSuffix = "_edgetpu.tflite";

    public static IInferenceEngine Create(string modelPath, EngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        options ??= new EngineOptions();
        options.Validate();
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Model file not found: {modelPath}", modelPath);
        }

        NativeLibraries.ConfigureTfLite(options.NativeLibraryPath);
        NativeLibraries.ConfigureEdgeTpu(options.EdgeTpuLibraryPath);
        var (cpuModel, edgeTpuModel) = Siblings(modelPath);

        switch (options.Backend)
        {
            case InferenceBackend.EdgeTpu:
                return CreateEdgeTpu(edgeTpuModel ?? throw new BackendUnavailableException(
                    $"{modelPath} is not compiled for the Edge TPU and no {Path.GetFileNameWithoutExtension(modelPath)}{EdgeTpuSuffix} lies beside it. " +
                    "Compile it with Coral's edgetpu_compiler."), options);

            case InferenceBackend.Native:
                return NativeInferenceEngine.FromFile(
                    cpuModel ?? throw new BackendUnavailableException(
                        $"{modelPath} is compiled for the Edge TPU (its edgetpu-custom-op runs only there) and no CPU model lies beside it; use --backend edgetpu or the uncompiled model."),
                    options.Threads);

            case InferenceBackend.Managed:
                return CreateManaged(cpuModel ?? throw new BackendUnavailableException(
                    $"{modelPath} is compiled for the Edge TPU and no CPU model lies beside it; the managed interpreter needs the uncompiled model."));

            default:
                if (edgeTpuModel is not null && EdgeTpuDevices.IsRuntimeAvailable && EdgeTpuDevices.List().Count > 0)
                {
                    return CreateEdgeTpu(edgeTpuModel, options);
                }

                if (cpuModel is null)
                {
                    throw new BackendUnavailableException(
                        $"{modelPath} is compiled for the Edge TPU, but no Edge TPU is usable here and no CPU model lies beside it. " + NativeLibraries.EdgeTpuInstallHint);
                }

                return NativeLibraries.TryLoadTfLite(out _)
                    ? NativeInferenceEngine.FromFile(cpuModel, options.Threads)
                    : CreateManaged(cpuModel);
        }
    }

    /// <summary>True when the model has an Edge TPU-compiled operator (or its file name says so).</summary>
    public static bool IsEdgeTpuModel(string path) =>
        path.EndsWith(EdgeTpuSuffix, StringComparison.OrdinalIgnoreCase) || HasEdgeTpuOperator(path);

    private static NativeInferenceEngine CreateEdgeTpu(string edgeTpuModel, EngineOptions options)
    {
        NativeLibraries.EnsureTfLite();
        var tpu = EdgeTpuDevices.CreateDelegate();
        try
        {
            return NativeInferenceEngine.FromFile(edgeTpuModel, options.Threads, tpu, "edgetpu");
        }
        catch
        {
            tpu.Dispose();
            throw;
        }
    }

    private static ManagedInterpreter CreateManaged(string modelPath) => new(ModelReader.ReadFile(modelPath));

    /// <summary>The CPU model and the Edge TPU model for <paramref name="modelPath"/> (either may be null).</summary>
    private static (string? Cpu, string? EdgeTpu) Siblings(string modelPath)
    {
        var full = Path.GetFullPath(modelPath);
        if (IsEdgeTpuModel(full))
        {
            var cpu = full.EndsWith(EdgeTpuSuffix, StringComparison.OrdinalIgnoreCase)
                ? full[..^EdgeTpuSuffix.Length] + ".tflite"
                : null;
            return (cpu is not null && File.Exists(cpu) ? cpu : null, full);
        }

        var compiled = Path.Combine(Path.GetDirectoryName(full) ?? ".", Path.GetFileNameWithoutExtension(full) + EdgeTpuSuffix);
        return (full, File.Exists(compiled) ? compiled : null);
    }

    private static bool HasEdgeTpuOperator(string path)
    {
        try
        {
            var model = ModelReader.ReadFile(path);
            return model.OperatorCodes.Any(c => c.IsCustom && EdgeTpuCompatibility.IsEdgeTpuCustomOp(c.CustomCode));
        }
        catch (ModelFormatException)
        {
            return false;
        }
        catch (UnsupportedOperatorException)
        {
            return false;
        }
    }
}
