using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.TfLite.Tests.Interpreter;

public sealed class ManagedInterpreterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Invoke_allocates_no_managed_memory(bool simd)
    {
        var (model, _) = ReferenceModels.MobileNetStyle(11);
        using var interpreter = new ManagedInterpreter(TfLiteModel.FromBytes(model), new ManagedInterpreterOptions { UseSimd = simd });
        new Random(1).NextBytes(interpreter.GetInputBuffer(0));
        interpreter.Invoke(); // first call warms up the JIT (tiered compilation may allocate)
        interpreter.Invoke();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            interpreter.Invoke();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Recognizer_invoke_allocates_nothing_either()
    {
        var (model, _) = ReferenceModels.Recognizer(12);
        using var interpreter = new ManagedInterpreter(TfLiteModel.FromBytes(model));
        interpreter.Invoke();
        var before = GC.GetAllocatedBytesForCurrentThread();
        interpreter.Invoke();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Arena_reuses_memory_of_dead_tensors()
    {
        var (model, _) = ReferenceModels.Recognizer(13);
        var parsed = TfLiteModel.FromBytes(model);
        using var interpreter = new ManagedInterpreter(parsed);
        var activationBytes = parsed.MainGraph.Tensors.Where(t => !t.IsConstant).Sum(t => t.ByteSize);
        Assert.True(interpreter.ArenaSize < activationBytes / 2, $"arena {interpreter.ArenaSize} B for {activationBytes} B of activations");
    }

    [Fact]
    public void Repeated_invokes_on_the_same_input_give_the_same_output()
    {
        var (model, _) = ReferenceModels.MobileNetStyle(14);
        using var interpreter = new ManagedInterpreter(TfLiteModel.FromBytes(model));
        new Random(2).NextBytes(interpreter.GetInputBuffer(0));
        interpreter.Invoke();
        var first = interpreter.GetOutputBuffer(0).ToArray();
        interpreter.Invoke();
        Assert.Equal(first, interpreter.GetOutputBuffer(0).ToArray());
    }

    [Fact]
    public void Unsupported_operator_is_named()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var y = b.AddTensor("y", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Floor, [x], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        var error = Assert.Throws<UnsupportedOperatorException>(() => new ManagedInterpreter(b.Build()));
        Assert.Equal("FLOOR", error.OperatorName);
        Assert.Equal(0, error.OperatorIndex);
        Assert.Contains("FLOOR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_operator_is_refused_with_its_name()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.UInt8, [4], QuantizationParameters.PerTensor(1, 0));
        var y = b.AddTensor("y", TensorType.UInt8, [4], QuantizationParameters.PerTensor(1, 0));
        b.AddCustomOperator("edgetpu-custom-op", [x], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        var error = Assert.Throws<UnsupportedOperatorException>(() => new ManagedInterpreter(b.Build()));
        Assert.Equal("edgetpu-custom-op", error.OperatorName);
    }

    [Fact]
    public void Unsupported_tensor_type_for_an_op_is_named()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 4, 4, 1]);
        var w = b.AddConstant<float>("w", TensorType.Float32, [1, 1, 1, 1], new[] { 1f });
        var bias = b.AddConstant<float>("bias", TensorType.Float32, [1], new[] { 0f });
        var y = b.AddTensor("y", TensorType.Float32, [1, 4, 4, 1]);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(Padding.Same, 1, 1));
        b.SetInputs(x);
        b.SetOutputs(y);
        var error = Assert.Throws<UnsupportedOperatorException>(() => new ManagedInterpreter(b.Build()));
        Assert.Contains("FLOAT32", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONV_2D", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_output_shape_that_disagrees_with_the_op_is_reported()
    {
        var q = QuantizationParameters.PerTensor(0.1f, 0);
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 8, 8, 2], q);
        var y = b.AddTensor("y", TensorType.Int8, [1, 3, 3, 2], q);
        b.AddOperator(BuiltinOperator.MaxPool2D, [x], [y], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2));
        b.SetInputs(x);
        b.SetOutputs(y);
        var error = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(b.Build()));
        Assert.Contains("[1,4,4,2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("MAX_POOL_2D", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_tensor_no_operator_writes_is_reported()
    {
        var q = QuantizationParameters.PerTensor(0.1f, 0);
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [4], q);
        var orphan = b.AddTensor("orphan", TensorType.Int8, [4], q);
        var y = b.AddTensor("y", TensorType.Int8, [4], q);
        b.AddOperator(BuiltinOperator.Add, [x, orphan], [y], new AddOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        var error = Assert.Throws<ModelFormatException>(() => new ManagedInterpreter(b.Build()));
        Assert.Contains("orphan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_are_checked_and_disposal_is_enforced()
    {
        var (model, _) = ReferenceModels.Recognizer(15);
        var interpreter = new ManagedInterpreter(TfLiteModel.FromBytes(model));
        Assert.Equal(64 * 128, interpreter.GetInputBuffer(0).Length);
        Assert.Equal(32 * 68, interpreter.GetOutputBuffer(0).Length);
        Assert.Equal("managed", interpreter.BackendName);
        Assert.Throws<ArgumentOutOfRangeException>(() => interpreter.GetInputBuffer(1));
        interpreter.Dispose();
        Assert.Throws<ObjectDisposedException>(interpreter.Invoke);
    }

    [Fact]
    public void Supported_operators_cover_the_issue_list()
    {
        BuiltinOperator[] required =
        [
            BuiltinOperator.Conv2D, BuiltinOperator.DepthwiseConv2D, BuiltinOperator.FullyConnected, BuiltinOperator.Add,
            BuiltinOperator.Sub, BuiltinOperator.Mul, BuiltinOperator.Mean, BuiltinOperator.Sum, BuiltinOperator.ReduceMax,
            BuiltinOperator.AveragePool2D, BuiltinOperator.MaxPool2D, BuiltinOperator.Pad, BuiltinOperator.Reshape,
            BuiltinOperator.Squeeze, BuiltinOperator.ExpandDims, BuiltinOperator.Concatenation, BuiltinOperator.Transpose, BuiltinOperator.Split,
            BuiltinOperator.Logistic, BuiltinOperator.Tanh, BuiltinOperator.HardSwish, BuiltinOperator.Relu,
            BuiltinOperator.Relu6, BuiltinOperator.Softmax, BuiltinOperator.Quantize, BuiltinOperator.Dequantize,
        ];
        Assert.All(required, op => Assert.Contains(op, ManagedInterpreter.SupportedOperators));
    }
}
