using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.TfLite.Tests.Format;

namespace Lpr.TfLite.Tests.Native;

public sealed class InferenceEngineFactoryTests : IDisposable
{
    private const string MissingLibrary = "/nonexistent/libtensorflowlite_c.so";
    private readonly string _dir = Directory.CreateTempSubdirectory("lpr-b1-factory-").FullName;

    public InferenceEngineFactoryTests() => NativeTestLibrary.Configure();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Auto_picks_the_native_library_when_it_loads_and_no_edge_tpu_model_exists()
    {
        var path = Write("dense.tflite", SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes());
        using var engine = InferenceEngineFactory.Create(path);
        Assert.Equal("native", engine.BackendName);
        Assert.Equal([1, 3], engine.Inputs[0].Shape);
        Assert.Null(engine.FallbackReason);
        Assert.Equal("native (TFLite 2.2.0)", engine.Description);
    }

    [Fact]
    public void Auto_falls_back_to_managed_when_the_native_library_refuses_the_model_and_says_why()
    {
        // TFLite 2.2 loads but predates BATCH_MATMUL; the managed interpreter runs it.
        var path = Write("matmul.tflite", WrittenOperatorsLoadTests.Build("BATCH_MATMUL").ToBytes());
        using var engine = InferenceEngineFactory.Create(path);
        Assert.Equal("managed", engine.BackendName);
        Assert.Contains("the TFLite C library 2.2.0 cannot run matmul.tflite", engine.FallbackReason, StringComparison.Ordinal);
        Assert.Contains("BATCH_MATMUL", engine.FallbackReason, StringComparison.Ordinal);
        Assert.StartsWith("managed (auto fallback: the TFLite C library 2.2.0 cannot run matmul.tflite", engine.Description, StringComparison.Ordinal);
        engine.Invoke();
    }

    [Fact]
    public void Explicit_native_on_a_model_the_library_refuses_fails_naming_the_operator()
    {
        var path = Write("matmul.tflite", WrittenOperatorsLoadTests.Build("BATCH_MATMUL").ToBytes());
        var e = Assert.Throws<UnsupportedOperatorException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Native }));
        Assert.Contains("BATCH_MATMUL is newer than this TFLite library", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_a_native_library_path_that_does_not_exist_uses_managed_and_names_the_path()
    {
        var path = Write("fc.tflite", WrittenOperatorsLoadTests.Build("FULLY_CONNECTED").ToBytes());
        using var engine = InferenceEngineFactory.Create(path, new EngineOptions { NativeLibraryPath = MissingLibrary });
        Assert.Equal("managed", engine.BackendName);
        Assert.Contains($"the TFLite C library cannot be loaded: '{MissingLibrary}' does not exist", engine.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_native_with_a_missing_library_names_it_and_how_to_install_it()
    {
        var path = Write("fc.tflite", WrittenOperatorsLoadTests.Build("FULLY_CONNECTED").ToBytes());
        var e = Assert.Throws<BackendUnavailableException>(
            () => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Native, NativeLibraryPath = MissingLibrary }));
        Assert.Contains($"'{MissingLibrary}' does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("bash scripts/fetch-tflite.sh", e.Message, StringComparison.Ordinal);
        Assert.Contains("--tflite-lib", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_edge_tpu_with_a_missing_runtime_path_names_it()
    {
        var path = Write("plain_edgetpu.tflite", CompiledModel());
        var e = Assert.Throws<BackendUnavailableException>(
            () => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.EdgeTpu, EdgeTpuLibraryPath = "/nonexistent/libedgetpu.so.1" }));
        Assert.Contains("'/nonexistent/libedgetpu.so.1' does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("libedgetpu1-std", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_managed_and_native_backends_run_the_same_model_alike()
    {
        var path = Write("fc.tflite", WrittenOperatorsLoadTests.Build("FULLY_CONNECTED").ToBytes());
        using var native = InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Native, Threads = 2 });
        using var managed = InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Managed });
        Assert.Equal("native", native.BackendName);
        Assert.Equal("managed", managed.BackendName);
        new Random(4).NextBytes(native.GetInputBuffer(0));
        native.GetInputBuffer(0).CopyTo(managed.GetInputBuffer(0));
        native.Invoke();
        managed.Invoke();
        Assert.Equal(native.GetOutputBuffer(0).ToArray(), managed.GetOutputBuffer(0).ToArray());
    }

    [Fact]
    public void Explicit_edge_tpu_on_an_uncompiled_model_says_to_compile_it()
    {
        var path = Write("plain.tflite", SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes());
        var e = Assert.Throws<BackendUnavailableException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.EdgeTpu }));
        Assert.Contains("not compiled for the Edge TPU", e.Message, StringComparison.Ordinal);
        Assert.Contains("edgetpu_compiler", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_edge_tpu_without_runtime_or_device_explains_what_is_missing()
    {
        var path = Write("plain_edgetpu.tflite", CompiledModel());
        var e = Assert.Throws<BackendUnavailableException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.EdgeTpu }));
        if (!EdgeTpuDevices.IsRuntimeAvailable)
        {
            Assert.Contains("libedgetpu1-std", e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Edge TPU", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Auto_falls_back_from_a_compiled_model_to_its_cpu_sibling_when_no_edge_tpu_is_usable()
    {
        Write("net.tflite", SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes());
        var compiled = Write("net_edgetpu.tflite", CompiledModel());
        if (EdgeTpuDevices.IsRuntimeAvailable && EdgeTpuDevices.List().Count > 0)
        {
            return; // a real Edge TPU would (rightly) be chosen
        }

        using var engine = InferenceEngineFactory.Create(compiled);
        Assert.Equal("native", engine.BackendName);
        Assert.Equal([1, 3], engine.Inputs[0].Shape); // the CPU model's input, not the compiled one's
    }

    [Fact]
    public void Native_backend_refuses_a_compiled_model_without_cpu_sibling()
    {
        var path = Write("only_edgetpu.tflite", CompiledModel());
        var e = Assert.Throws<BackendUnavailableException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Backend = InferenceBackend.Native }));
        Assert.Contains("edgetpu-custom-op", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_and_missing_files_are_named()
    {
        var path = Write("dense.tflite", SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes());
        Assert.Contains("Threads", Assert.Throws<ArgumentException>(() => InferenceEngineFactory.Create(path, new EngineOptions { Threads = 0 })).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => InferenceEngineFactory.Create(Path.Combine(_dir, "absent.tflite")));
        Assert.Equal(InferenceBackend.EdgeTpu, EngineOptions.ParseBackend("EdgeTPU"));
        Assert.Contains("auto, edgetpu, native or managed", Assert.Throws<ArgumentException>(() => EngineOptions.ParseBackend("gpu")).Message, StringComparison.Ordinal);
    }

    private static byte[] CompiledModel()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.UInt8, [1, 8, 8, 3], QuantizationParameters.PerTensor(0.5f, 128));
        var y = b.AddTensor("y", TensorType.UInt8, [1, 2], QuantizationParameters.PerTensor(0.25f, 0));
        b.AddCustomOperator(EdgeTpuCompatibility.CustomOpName, [x], [y], new byte[] { 1, 2, 3 });
        b.SetInputs(x);
        b.SetOutputs(y);
        return b.ToBytes();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
