using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.Testing;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>
/// Runs one model in the managed interpreter (reference kernels, SIMD kernels on this CPU's best path and on the
/// portable Vector128 path) and in the genuine TFLite 2.2 C library on the same random inputs, and asserts that
/// every output is byte-identical.
/// Missing native library = failure with instructions, never a silent pass.
/// </summary>
internal static class NativeOracle
{
    private static readonly Lock Gate = new();
    private static bool s_configured;

    public static void EnsureLibrary()
    {
        lock (Gate)
        {
            if (s_configured)
            {
                return;
            }

            var path = RepoPaths.TfLiteNativeLibrary;
            if (!File.Exists(path))
            {
                Assert.Fail($"The TFLite 2.2 C library (the conformance oracle) is missing at {path}. Run `bash scripts/fetch-tflite.sh` (CI installs it).");
            }

            NativeLibraries.ConfigureTfLite(path);
            s_configured = true;
        }
    }

    /// <summary>Builds the model, runs both engines on inputs from <paramref name="seed"/>, compares all outputs.</summary>
    public static void AssertSameAsNative(ModelBuilder builder, int seed, string description)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AssertSameAsNative(new PrebuiltModel(builder.ToBytes()), seed, description);
    }

    /// <summary>Runs a serialized model in both engines and compares all outputs.</summary>
    public static void AssertSameAsNative(PrebuiltModel prebuilt, int seed, string description)
    {
        ArgumentNullException.ThrowIfNull(prebuilt);
        EnsureLibrary();
        var bytes = prebuilt.Bytes;
        var model = TfLiteModel.FromBytes(bytes);
        using var native = NativeInferenceEngine.FromBytes(bytes);
        using var simd = new ManagedInterpreter(model);
        using var reference = new ManagedInterpreter(model, new ManagedInterpreterOptions { UseSimd = false });
        using var portable = new ManagedInterpreter(model, new ManagedInterpreterOptions { SimdPath = SimdPath.Portable });
        var random = new Random(seed);
        for (var i = 0; i < native.Inputs.Count; i++)
        {
            var input = native.GetInputBuffer(i);
            ConformanceInputs.Fill(input, model.MainGraph.InputTensors[i], random);
            input.CopyTo(simd.GetInputBuffer(i));
            input.CopyTo(reference.GetInputBuffer(i));
            input.CopyTo(portable.GetInputBuffer(i));
        }

        native.Invoke();
        simd.Invoke();
        reference.Invoke();
        portable.Invoke();
        for (var i = 0; i < native.Outputs.Count; i++)
        {
            var expected = native.GetOutputBuffer(i);
            AssertBytesEqual(expected, reference.GetOutputBuffer(i), $"{description} (reference kernels, output {i})");
            AssertBytesEqual(expected, simd.GetOutputBuffer(i), $"{description} (SIMD kernels, {SimdPaths.Best}, output {i})");
            AssertBytesEqual(expected, portable.GetOutputBuffer(i), $"{description} (SIMD kernels, portable Vector128, output {i})");
        }
    }

    /// <summary>Runs the model in the TFLite C library and asserts that two of its outputs hold the same bytes.</summary>
    public static void AssertOutputsEqualInNative(ModelBuilder builder, int seed, int first, int second, string description)
    {
        ArgumentNullException.ThrowIfNull(builder);
        EnsureLibrary();
        var bytes = builder.ToBytes();
        var model = TfLiteModel.FromBytes(bytes);
        using var native = NativeInferenceEngine.FromBytes(bytes);
        var random = new Random(seed);
        for (var i = 0; i < native.Inputs.Count; i++)
        {
            ConformanceInputs.Fill(native.GetInputBuffer(i), model.MainGraph.InputTensors[i], random);
        }

        native.Invoke();
        AssertBytesEqual(native.GetOutputBuffer(first), native.GetOutputBuffer(second), $"{description} (native output {first} vs {second})");
    }

    /// <summary>Runs a whole-model case in the TFLite C library and digests its outputs as <see cref="RecordedOutputs"/> records them.</summary>
    public static CaseDigests RunNative(WholeModelCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        EnsureLibrary();
        var model = TfLiteModel.FromBytes(@case.Model);
        using var native = NativeInferenceEngine.FromBytes(@case.Model);
        var random = new Random(@case.InputSeed);
        for (var i = 0; i < native.Inputs.Count; i++)
        {
            ConformanceInputs.Fill(native.GetInputBuffer(i), model.MainGraph.InputTensors[i], random);
        }

        native.Invoke();
        var outputs = new string[native.Outputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = RecordedOutputs.Sha256(native.GetOutputBuffer(i));
        }

        return new CaseDigests(@case.Name, RecordedOutputs.Sha256(@case.Model), outputs);
    }

    public static void AssertBytesEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string description)
    {
        Assert.Equal(expected.Length, actual.Length);
        var mismatches = 0;
        var first = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                mismatches++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        if (mismatches > 0)
        {
            Assert.Fail($"{description}: {mismatches} of {expected.Length} bytes differ; first at byte {first}: native {expected[first]} ({(sbyte)expected[first]} signed), managed {actual[first]} ({(sbyte)actual[first]} signed).\n native:  {Dump(expected)}\n managed: {Dump(actual)}");
        }
    }

    private static string Dump(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes[..Math.Min(bytes.Length, 64)].ToArray().Select(v => ((sbyte)v).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A serialized model handed to <see cref="NativeOracle"/>.</summary>
internal sealed record PrebuiltModel(byte[] Bytes);
