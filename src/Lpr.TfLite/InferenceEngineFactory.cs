using System.Diagnostics.CodeAnalysis;
using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;

namespace Lpr.TfLite;

/// <summary>
/// Creates the <see cref="IInferenceEngine"/> for a model file. Auto selection: the Edge TPU when
/// libedgetpu loads, a device is attached and an Edge TPU model is at hand (the file itself, or its
/// sibling <c>NAME_edgetpu.tflite</c>); else the TFLite C library when it loads and accepts the model; else
/// the managed interpreter. Auto never fails because a faster backend is missing or refuses the model (an
/// operator newer than the installed TFLite, say): it falls back, and the engine's
/// <see cref="IInferenceEngine.FallbackReason"/> says why. An explicit backend that cannot run fails with
/// <see cref="BackendUnavailableException"/> saying what is missing and how to install it, or with the
/// backend's own model error.
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

        var (cpuModel, edgeTpuModel) = Siblings(modelPath);
        switch (options.Backend)
        {
            case InferenceBackend.EdgeTpu:
                return CreateEdgeTpu(edgeTpuModel ?? throw new BackendUnavailableException(
                    $"{modelPath} is not compiled for the Edge TPU and no {Path.GetFileNameWithoutExtension(modelPath)}{EdgeTpuSuffix} lies beside it. " +
                    "Compile it with Coral's edgetpu_compiler."), options);

            case InferenceBackend.Native:
                var cpu = cpuModel ?? throw new BackendUnavailableException(
                    $"{modelPath} is compiled for the Edge TPU (its edgetpu-custom-op runs only there) and no CPU model lies beside it; use --backend edgetpu or the uncompiled model.");
                NativeLibraries.EnsureTfLite(options.NativeLibraryPath);
                return NativeInferenceEngine.FromFile(cpu, options.Threads);

            case InferenceBackend.Managed:
                return CreateManaged(cpuModel ?? throw new BackendUnavailableException(
                    $"{modelPath} is compiled for the Edge TPU and no CPU model lies beside it; the managed interpreter needs the uncompiled model."), options);

            default:
                return CreateAuto(modelPath, cpuModel, edgeTpuModel, options);
        }
    }

    /// <summary>True when the model has an Edge TPU-compiled operator (or its file name says so).</summary>
    public static bool IsEdgeTpuModel(string path) =>
        path.EndsWith(EdgeTpuSuffix, StringComparison.OrdinalIgnoreCase) || HasEdgeTpuOperator(path);

    /// <summary>Each faster backend that auto passes over adds its reason; the engine finally chosen carries them.</summary>
    private static IInferenceEngine CreateAuto(string modelPath, string? cpuModel, string? edgeTpuModel, EngineOptions options)
    {
        var passedOver = new List<string>();
        if (edgeTpuModel is not null)
        {
            if (TryCreateEdgeTpu(edgeTpuModel, options, out var tpu, out var why))
            {
                return tpu;
            }

            passedOver.Add(why);
        }

        if (cpuModel is null)
        {
            throw new BackendUnavailableException(
                $"{modelPath} is compiled for the Edge TPU, but no Edge TPU is usable here ({string.Join("; ", passedOver)}) and no CPU model lies beside it. " +
                NativeLibraries.EdgeTpuInstallHint);
        }

        if (!NativeLibraries.TryLoadTfLite(options.NativeLibraryPath, out var loadError))
        {
            passedOver.Add($"the TFLite C library cannot be loaded: {loadError}");
        }
        else
        {
            try
            {
                var native = NativeInferenceEngine.FromFile(cpuModel, options.Threads);
                native.FallbackReason = Reason(passedOver);
                return native;
            }
            catch (Exception e) when (e is UnsupportedOperatorException or ModelFormatException)
            {
                // Typically an operator newer than the installed library (TFLite 2.2 predates BATCH_MATMUL);
                // the managed interpreter may well run it, and if the model is broken it says so itself.
                passedOver.Add($"the TFLite C library {NativeInferenceEngine.LibraryVersion} cannot run {Path.GetFileName(cpuModel)}: {e.Message}");
            }
        }

        var managed = CreateManaged(cpuModel, options);
        managed.FallbackReason = Reason(passedOver);
        return managed;
    }

    private static string? Reason(List<string> passedOver) => passedOver.Count == 0 ? null : string.Join("; ", passedOver);

    private static bool TryCreateEdgeTpu(string edgeTpuModel, EngineOptions options, [NotNullWhen(true)] out IInferenceEngine? engine, out string why)
    {
        engine = null;
        why = string.Empty;
        if (!NativeLibraries.TryLoadEdgeTpu(options.EdgeTpuLibraryPath, out var loadError))
        {
            why = $"the Edge TPU runtime cannot be loaded: {loadError}";
            return false;
        }

        if (EdgeTpuDevices.List().Count == 0)
        {
            why = "no Edge TPU device is attached";
            return false;
        }

        try
        {
            engine = CreateEdgeTpu(edgeTpuModel, options);
            return true;
        }
        catch (Exception e) when (e is BackendUnavailableException or UnsupportedOperatorException or ModelFormatException)
        {
            // E.g. libedgetpu built for another TensorFlow version than the TFLite C library.
            why = $"the Edge TPU cannot run {Path.GetFileName(edgeTpuModel)}: {e.Message}";
            return false;
        }
    }

    private static NativeInferenceEngine CreateEdgeTpu(string edgeTpuModel, EngineOptions options)
    {
        NativeLibraries.EnsureTfLite(options.NativeLibraryPath);
        NativeLibraries.EnsureEdgeTpu(options.EdgeTpuLibraryPath);
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

    private static ManagedInterpreter CreateManaged(string modelPath, EngineOptions options) =>
        new(ModelReader.ReadFile(modelPath), new ManagedInterpreterOptions { MaxArenaBytes = options.MaxArenaBytes });

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
