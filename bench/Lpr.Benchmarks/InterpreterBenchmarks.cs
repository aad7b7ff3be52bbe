using BenchmarkDotNet.Attributes;
using Lpr.Testing;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.Benchmarks;

/// <summary>
/// Managed interpreter vs the native TFLite 2.2 C library on the same int8 recognizer-shaped model
/// (gray 64x128 in, [1, 32, 68] CTC probabilities out, ~10 MFLOPs), single thread, in one run: the Ratio
/// column is managed/native time, Allocated is bytes per Invoke. The load benchmarks time parse + prepare.
/// Run: dotnet run -c Release --project bench/Lpr.Benchmarks -- --filter '*InterpreterBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private byte[] model = [];
    private ManagedInterpreter managed = null!;
    private ManagedInterpreter managedReference = null!;
    private NativeInferenceEngine native = null!;

    /// <summary><c>reference</c>: the conformance suite's MobileNet-style recognizer; <c>shipped</c>: models/kr-plate-recognizer-int8.tflite.</summary>
    [Params("reference", "shipped")]
    public string Model { get; set; } = "reference";

    [GlobalSetup]
    public void Setup()
    {
        if (Model == "shipped")
        {
            model = File.ReadAllBytes(Path.Combine(RepoPaths.Models, "kr-plate-recognizer-int8.tflite"));
            Console.WriteLine($"// shipped recognizer: {model.Length} bytes");
        }
        else
        {
            (model, var macs) = ReferenceModels.Recognizer(42);
            Console.WriteLine($"// recognizer model: {model.Length} bytes, {macs} MACs ({2 * macs / 1e6:F1} MFLOPs)");
        }

        NativeLibraries.ConfigureTfLite(RepoPaths.TfLiteNativeLibrary);
        var parsed = TfLiteModel.FromBytes(model);
        managed = new ManagedInterpreter(parsed);
        managedReference = new ManagedInterpreter(parsed, new ManagedInterpreterOptions { UseSimd = false });
        native = NativeInferenceEngine.FromBytes(model, threads: 1);
        var random = new Random(1);
        random.NextBytes(native.GetInputBuffer(0));
        native.GetInputBuffer(0).CopyTo(managed.GetInputBuffer(0));
        native.GetInputBuffer(0).CopyTo(managedReference.GetInputBuffer(0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        managed.Dispose();
        managedReference.Dispose();
        native.Dispose();
    }

    [Benchmark(Baseline = true, Description = "native TFLite 2.2 Invoke")]
    public void NativeInvoke() => native.Invoke();

    [Benchmark(Description = "managed Invoke (SIMD)")]
    public void ManagedInvoke() => managed.Invoke();

    [Benchmark(Description = "managed Invoke (reference kernels)")]
    public void ManagedReferenceInvoke() => managedReference.Invoke();

    [Benchmark(Description = "managed load (parse + prepare)")]
    public ManagedInterpreter ManagedLoad()
    {
        var interpreter = new ManagedInterpreter(TfLiteModel.FromBytes(model));
        interpreter.Dispose();
        return interpreter;
    }

    [Benchmark(Description = "native load")]
    public void NativeLoad() => NativeInferenceEngine.FromBytes(model, threads: 1).Dispose();
}
