using System.Runtime.InteropServices;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;
using Lpr.TfLite.Native;
using Lpr.TfLite.Tests.Format;

namespace Lpr.TfLite.Tests.Native;

public class NativeInferenceEngineTests
{
    public NativeInferenceEngineTests() => NativeTestLibrary.Configure();

    [Fact]
    public void The_library_reports_TFLite_2_2()
    {
        Assert.StartsWith("2.2", NativeInferenceEngine.LibraryVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_dense_layer_computes_the_expected_values()
    {
        var bytes = SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0.5f, -1f]).ToBytes();
        using var engine = NativeInferenceEngine.FromBytes(bytes);
        Assert.Equal("native", engine.BackendName);
        new float[] { 1f, -1f, 2f }.CopyTo(MemoryMarshal.Cast<byte, float>(engine.GetInputBuffer(0)));
        engine.Invoke();
        var y = MemoryMarshal.Cast<byte, float>(engine.GetOutputBuffer(0)).ToArray();
        Assert.Equal([(1 - 2 + 6) + 0.5f, (4 - 5 + 12) - 1f], y);
    }

    [Fact]
    public void Written_int8_recognizer_runs_and_its_softmax_rows_sum_to_one()
    {
        var builder = SampleModels.SmallCtcRecognizer(seed: 5);
        var model = builder.Build();
        using var engine = NativeInferenceEngine.FromBytes(builder.ToBytes());

        Assert.Single(engine.Inputs);
        Assert.Equal([1, 16, 32, 1], engine.Inputs[0].Shape);
        Assert.Equal(TensorType.Int8, engine.Inputs[0].Type);
        Assert.Equal(model.MainGraph.InputTensors[0].Quantization, engine.Inputs[0].Quantization);
        Assert.Equal([16, 10], engine.Outputs[0].Shape);
        Assert.Equal(512, engine.GetInputBuffer(0).Length);
        Assert.Equal(160, engine.GetOutputBuffer(0).Length);

        new Random(5).NextBytes(engine.GetInputBuffer(0));
        engine.Invoke();
        var output = MemoryMarshal.Cast<byte, sbyte>(engine.GetOutputBuffer(0));
        var q = engine.Outputs[0].Quantization!;
        for (var row = 0; row < 16; row++)
        {
            var sum = 0.0;
            for (var c = 0; c < 10; c++)
            {
                sum += q.Scale[0] * (output[(row * 10) + c] - q.ZeroPoint[0]);
            }

            Assert.InRange(sum, 0.95, 1.05);
        }
    }

    [Fact]
    public void Model_from_file_and_from_bytes_give_identical_outputs()
    {
        var bytes = SampleModels.SmallCtcRecognizer(seed: 9).ToBytes();
        var path = Path.Combine(Path.GetTempPath(), $"lpr-b1-{Guid.NewGuid():N}.tflite");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var fromFile = NativeInferenceEngine.FromFile(path);
            using var fromBytes = NativeInferenceEngine.FromBytes(bytes);
            new Random(1).NextBytes(fromFile.GetInputBuffer(0));
            fromFile.GetInputBuffer(0).CopyTo(fromBytes.GetInputBuffer(0));
            fromFile.Invoke();
            fromBytes.Invoke();
            Assert.True(fromFile.GetOutputBuffer(0).SequenceEqual(fromBytes.GetOutputBuffer(0)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Operator_versions_unknown_to_the_library_give_a_clear_unsupported_error()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var y = b.AddTensor("y", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Relu, [x], [y], version: 99);
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<UnsupportedOperatorException>(() => NativeInferenceEngine.FromBytes(b.ToBytes()));
        Assert.Contains("RELU", e.Message, StringComparison.Ordinal);
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_are_bounds_checked_and_disposal_is_enforced()
    {
        var engine = NativeInferenceEngine.FromBytes(SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes(), threads: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GetInputBuffer(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GetOutputBuffer(-1));
        engine.Dispose();
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(engine.Invoke);
    }

    [Fact]
    public void Missing_model_file_names_the_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => NativeInferenceEngine.FromFile("/nonexistent/model.tflite"));
        Assert.Contains("/nonexistent/model.tflite", e.Message, StringComparison.Ordinal);
    }
}
