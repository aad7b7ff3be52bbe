using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Format;

namespace Lpr.TfLite.Tests.EdgeTpu;

public class EdgeTpuCompatibilityTests
{
    private static QuantizationParameters Q(float scale = 0.05f) => QuantizationParameters.PerTensor(scale, 0);

    [Fact]
    public void A_quantized_convolutional_graph_maps_completely()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 8, 8, 3], Q());
        var c = SampleModels.AddConv(b, new Random(1), "conv", x, 0.05f, 3, 4, 3, 1, [1, 8, 8, 4], ActivationFunction.Relu6, 0.1f, 0);
        var p = b.AddTensor("pool", TensorType.Int8, [1, 4, 4, 4], Q(0.1f));
        b.AddOperator(BuiltinOperator.MaxPool2D, [c], [p], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2));
        b.SetInputs(x);
        b.SetOutputs(p);

        var report = EdgeTpuCompatibility.Analyze(b.Build());
        Assert.True(report.FullyMappable, string.Join("; ", report.Operators.SelectMany(o => o.Reasons)));
        Assert.Equal(2, report.MappableCount);
        Assert.Equal(2, report.CompiledPrefixLength);
    }

    [Fact]
    public void Batch_matmul_is_never_mappable()
    {
        var report = EdgeTpuCompatibility.Analyze(Tests.Native.WrittenOperatorsLoadTests.Build("BATCH_MATMUL").Build());
        var verdict = Assert.Single(report.Operators);
        Assert.False(verdict.Mappable);
        Assert.Contains(verdict.Reasons, r => r.Contains("BATCH_MATMUL is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Fully_connected_output_must_be_one_dimensional()
    {
        // Our CTC head applies FULLY_CONNECTED per time step: output [16,10] has two non-unit dimensions.
        var report = EdgeTpuCompatibility.Analyze(SampleModels.SmallCtcRecognizer().Build());
        var fc = report.Operators.Single(o => o.Operator == "FULLY_CONNECTED");
        Assert.False(fc.Mappable);
        Assert.Contains(fc.Reasons, r => r.Contains("output must be one-dimensional", StringComparison.Ordinal));

        var softmax = report.Operators.Single(o => o.Operator == "SOFTMAX");
        Assert.Contains(softmax.Reasons, r => r.Contains("only 1-D input", StringComparison.Ordinal));

        // Everything before the head maps; the compiler stops at the first unmappable operator.
        Assert.Equal(report.Operators.First(o => !o.Mappable).Index, report.FirstUnmappable);
        Assert.Equal(report.FirstUnmappable, report.CompiledPrefixLength);
        Assert.All(report.Operators.Take(report.CompiledPrefixLength), o => Assert.True(o.Mappable, o.Operator));
    }

    [Fact]
    public void Split_reshape_one_dimensional_softmax_and_concatenation_map()
    {
        // The exported recognizer's attention head: SPLIT the slots, 1-D SOFTMAX each, CONCATENATE them back.
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 8, 16, 2], Q());
        var axis = b.AddConstant<int>("axis", TensorType.Int32, [], [3]);
        var parts = new[] { b.AddTensor("p0", TensorType.Int8, [1, 8, 16, 1], Q()), b.AddTensor("p1", TensorType.Int8, [1, 8, 16, 1], Q()) };
        b.AddOperator(BuiltinOperator.Split, [axis, x], parts, new SplitOptions(2));
        var masks = new int[2];
        for (var t = 0; t < 2; t++)
        {
            var flat = b.AddTensor($"flat{t}", TensorType.Int8, [128], Q());
            b.AddOperator(BuiltinOperator.Reshape, [parts[t], b.AddConstant<int>($"s{t}", TensorType.Int32, [1], [128])], [flat], new ReshapeOptions([128]));
            var soft = b.AddTensor($"soft{t}", TensorType.Int8, [128], QuantizationParameters.PerTensor(1f / 256, -128));
            b.AddOperator(BuiltinOperator.Softmax, [flat], [soft], new SoftmaxOptions(1f));
            masks[t] = b.AddTensor($"mask{t}", TensorType.Int8, [1, 1, 128, 1], QuantizationParameters.PerTensor(1f / 256, -128));
            b.AddOperator(BuiltinOperator.Reshape, [soft, b.AddConstant<int>($"m{t}", TensorType.Int32, [4], [1, 1, 128, 1])], [masks[t]], new ReshapeOptions([1, 1, 128, 1]));
        }

        var y = b.AddTensor("y", TensorType.Int8, [1, 2, 128, 1], QuantizationParameters.PerTensor(1f / 256, -128));
        b.AddOperator(BuiltinOperator.Concatenation, masks, [y], new ConcatenationOptions(1));
        b.SetInputs(x);
        b.SetOutputs(y);

        var report = EdgeTpuCompatibility.Analyze(b.Build());
        Assert.True(report.FullyMappable, string.Join("; ", report.Operators.SelectMany(o => o.Reasons)));
        Assert.Equal(8, report.MappableCount);
    }

    [Fact]
    public void Split_needs_a_constant_axis_and_concatenation_no_fused_activation()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 4, 4, 2], Q());
        var axis = b.AddTensor("axis", TensorType.Int32, []);
        var parts = new[] { b.AddTensor("p0", TensorType.Int8, [1, 4, 4, 1], Q()), b.AddTensor("p1", TensorType.Int8, [1, 4, 4, 1], Q()) };
        b.AddOperator(BuiltinOperator.Split, [axis, x], parts, new SplitOptions(2));
        var y = b.AddTensor("y", TensorType.Int8, [1, 4, 4, 2], Q());
        b.AddOperator(BuiltinOperator.Concatenation, parts, [y], new ConcatenationOptions(3, ActivationFunction.Relu));
        b.SetInputs(x, axis);
        b.SetOutputs(y);

        var report = EdgeTpuCompatibility.Analyze(b.Build());
        Assert.Contains(report.Operators[0].Reasons, r => r.Contains("split axis must be a compile-time constant", StringComparison.Ordinal));
        Assert.Contains(report.Operators[1].Reasons, r => r.Contains("fused activation functions are not supported on concatenation", StringComparison.Ordinal));
    }

    [Fact]
    public void Fully_connected_with_a_vector_output_maps()
    {
        var report = EdgeTpuCompatibility.Analyze(Tests.Native.WrittenOperatorsLoadTests.Build("FULLY_CONNECTED").Build());
        Assert.True(report.FullyMappable, string.Join("; ", report.Operators.SelectMany(o => o.Reasons)));
    }

    [Fact]
    public void Tensors_with_more_than_three_non_unit_innermost_dimensions_are_rejected()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [2, 4, 4, 3], Q());
        var y = b.AddTensor("y", TensorType.Int8, [2, 4, 4, 3], Q());
        b.AddOperator(BuiltinOperator.Relu, [x], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        var verdict = Assert.Single(EdgeTpuCompatibility.Analyze(b.Build()).Operators);
        Assert.Contains(verdict.Reasons, r => r.Contains("non-unit dimension outside the 3 innermost", StringComparison.Ordinal));
    }

    [Fact]
    public void Float_tensors_are_rejected()
    {
        var report = EdgeTpuCompatibility.Analyze(SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).Build());
        Assert.Contains(report.Operators[0].Reasons, r => r.Contains("needs 8-bit quantized tensors", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ActivationFunction.None, true)]
    [InlineData(ActivationFunction.Relu, false)]
    public void Pools_must_not_fuse_an_activation(ActivationFunction activation, bool mappable)
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 4, 4, 3], Q());
        var y = b.AddTensor("y", TensorType.Int8, [1, 2, 2, 3], Q());
        b.AddOperator(BuiltinOperator.AveragePool2D, [x], [y], new Pool2DOptions(Padding.Valid, 2, 2, 2, 2, activation));
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal(mappable, EdgeTpuCompatibility.Analyze(b.Build()).FullyMappable);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, true)]
    [InlineData(new[] { 3 }, false)]
    [InlineData(new[] { 0, 1 }, false)]
    public void Mean_reduces_only_along_x_and_y(int[] axes, bool mappable)
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 4, 4, 3], Q());
        var a = b.AddConstant<int>("axes", TensorType.Int32, [axes.Length], axes);
        var y = b.AddTensor("y", TensorType.Int8, [1, 1, 1, 3], Q());
        b.AddOperator(BuiltinOperator.Mean, [x, a], [y], new ReducerOptions(true));
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal(mappable, EdgeTpuCompatibility.Analyze(b.Build()).FullyMappable);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 1, 1, 1, 1, 0, 0 }, true)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 1, 1 }, false)]
    public void Pad_only_along_x_and_y(int[] paddings, bool mappable)
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 4, 4, 3], Q());
        var p = b.AddConstant<int>("paddings", TensorType.Int32, [4, 2], paddings);
        var shape = new[] { 1, 4 + paddings[2] + paddings[3], 4 + paddings[4] + paddings[5], 3 + paddings[6] + paddings[7] };
        var y = b.AddTensor("y", TensorType.Int8, shape, Q());
        b.AddOperator(BuiltinOperator.Pad, [x, p], [y], new PadOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal(mappable, EdgeTpuCompatibility.Analyze(b.Build()).FullyMappable);
    }

    [Fact]
    public void Concatenation_with_a_nonzero_constant_is_rejected_but_zero_padding_is_fine()
    {
        static bool Mappable(sbyte fill)
        {
            var b = new ModelBuilder();
            var x = b.AddTensor("x", TensorType.Int8, [1, 4, 4, 3], Q());
            var c = b.AddConstant<sbyte>("c", TensorType.Int8, [1, 4, 4, 1], Enumerable.Repeat(fill, 16).ToArray(), Q());
            var y = b.AddTensor("y", TensorType.Int8, [1, 4, 4, 4], Q());
            b.AddOperator(BuiltinOperator.Concatenation, [x, c], [y], new ConcatenationOptions(3));
            b.SetInputs(x);
            b.SetOutputs(y);
            return EdgeTpuCompatibility.Analyze(b.Build()).FullyMappable;
        }

        Assert.True(Mappable(0));
        Assert.False(Mappable(5));
    }

    [Fact]
    public void A_compiled_model_reports_its_edgetpu_operator_as_mapped_and_other_custom_ops_as_not()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.UInt8, [1, 8], QuantizationParameters.PerTensor(0.5f, 128));
        var y = b.AddTensor("y", TensorType.UInt8, [1, 8], QuantizationParameters.PerTensor(0.5f, 128));
        var z = b.AddTensor("z", TensorType.UInt8, [1, 8], QuantizationParameters.PerTensor(0.5f, 128));
        b.AddCustomOperator(EdgeTpuCompatibility.CustomOpName, [x], [y]);
        b.AddCustomOperator("my-op", [y], [z]);
        b.SetInputs(x);
        b.SetOutputs(z);
        var report = EdgeTpuCompatibility.Analyze(b.Build());
        Assert.True(report.Operators[0].Mappable);
        Assert.False(report.Operators[1].Mappable);
        Assert.Contains("custom operator 'my-op'", report.Operators[1].Reasons[0], StringComparison.Ordinal);
    }
}
