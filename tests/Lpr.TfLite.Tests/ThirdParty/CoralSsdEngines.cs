using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.TfLite.Tests.ThirdParty;

/// <summary>
/// Coral's SSD MobileNet v2 cut before its post-processing, loaded once for all tests of a class: the TFLite 2.2
/// C library and the managed interpreter on each kernel path (preparing the 98 operators packs about 6 MB of
/// weights per interpreter, so building them per input would cost more than invoking). Built on first use, so a
/// machine without the model file skips instead of failing in a fixture.
/// </summary>
public sealed class CoralSsdEngines : IDisposable
{
    private readonly Lazy<Loaded> loaded = new(Load);

    /// <summary>The model as published.</summary>
    internal TfLiteModel Original => loaded.Value.Original;

    /// <summary>The cut model's file bytes.</summary>
    internal byte[] CutBytes => loaded.Value.CutBytes;

    internal NativeInferenceEngine Native => loaded.Value.Native;

    /// <summary>The managed interpreters, named by kernel path as the conformance tests name them.</summary>
    internal IReadOnlyList<(string Path, ManagedInterpreter Engine)> Managed => loaded.Value.Managed;

    public void Dispose()
    {
        if (!loaded.IsValueCreated)
        {
            return;
        }

        loaded.Value.Native.Dispose();
        foreach (var (_, engine) in loaded.Value.Managed)
        {
            engine.Dispose();
        }
    }

    private static Loaded Load()
    {
        NativeOracle.EnsureLibrary();
        var original = TfLiteModel.Load(ThirdPartyModels.Require(ThirdPartyModels.CoralSsdMobileNetV2));
        var bytes = ModelCutter.Cut(original, ModelCutter.OutputsBeforeCustomOperators(original)).ToBytes();
        var cut = TfLiteModel.FromBytes(bytes);
        return new Loaded(
            original,
            bytes,
            NativeInferenceEngine.FromBytes(bytes),
            [
                ("reference", new ManagedInterpreter(cut, new ManagedInterpreterOptions { UseSimd = false })),
                ($"SIMD {SimdPaths.Best}", new ManagedInterpreter(cut)),
                ("SIMD portable Vector128", new ManagedInterpreter(cut, new ManagedInterpreterOptions { SimdPath = SimdPath.Portable })),
            ]);
    }

    private sealed record Loaded(TfLiteModel Original, byte[] CutBytes, NativeInferenceEngine Native, IReadOnlyList<(string Path, ManagedInterpreter Engine)> Managed);
}
