using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

public class ModelRoundTripTests
{
    [Fact]
    public void Written_model_reads_back_with_identical_structure()
    {
        var built = SampleModels.SmallCtcRecognizer().Build();
        var read = ModelReader.Read(ModelWriter.Write(built));
        AssertSameModel(built, read);
    }

    [Fact]
    public void Writing_a_read_model_again_is_byte_identical()
    {
        var first = SampleModels.SmallCtcRecognizer(seed: 7).ToBytes();
        var second = ModelWriter.Write(ModelReader.Read(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void File_starts_with_root_offset_and_TFL3_identifier()
    {
        var bytes = SampleModels.SmallCtcRecognizer().ToBytes();
        Assert.Equal("TFL3"u8.ToArray(), bytes[4..8]);
        Assert.Equal(0, bytes.Length % 4);
    }

    [Fact]
    public void Constant_buffers_are_16_byte_aligned_in_the_file()
    {
        var bytes = SampleModels.SmallCtcRecognizer().ToBytes();
        var model = ModelReader.Read(bytes);
        foreach (var tensor in model.MainGraph.Tensors.Where(t => t.IsConstant))
        {
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(tensor.Data, out var segment));
            Assert.Equal(0, segment.Offset % 16);
        }
    }

    [Fact]
    public void Lowest_operator_versions_are_written()
    {
        var model = SampleModels.SmallCtcRecognizer().Build();
        var versions = model.OperatorCodes.ToDictionary(c => c.Builtin, c => c.Version);
        Assert.Equal(3, versions[BuiltinOperator.Conv2D]);           // int8 per-channel
        Assert.Equal(3, versions[BuiltinOperator.DepthwiseConv2D]);
        Assert.Equal(2, versions[BuiltinOperator.Add]);
        Assert.Equal(2, versions[BuiltinOperator.AveragePool2D]);
        Assert.Equal(1, versions[BuiltinOperator.Reshape]);
        Assert.Equal(4, versions[BuiltinOperator.FullyConnected]);   // int8
        Assert.Equal(2, versions[BuiltinOperator.Softmax]);
        Assert.Equal(1, SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).Build().OperatorCodes.Single().Version);
    }

    [Theory]
    [MemberData(nameof(AllOptions))]
    public void Every_options_kind_round_trips(BuiltinOperator op, OperatorOptions options)
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 4, 4, 2]);
        var y = b.AddTensor("y", TensorType.Float32, [1, 4, 4, 2]);
        b.AddOperator(op, [x], [y], options);
        b.SetInputs(x);
        b.SetOutputs(y);

        var read = ModelReader.Read(b.ToBytes());
        Assert.Equal(options, read.MainGraph.Operators[0].Options);
        Assert.Equal(op, read.OperatorCodes[0].Builtin);
    }

    public static TheoryData<BuiltinOperator, OperatorOptions> AllOptions() => new()
    {
        { BuiltinOperator.Conv2D, new Conv2DOptions(Padding.Valid, 2, 3, ActivationFunction.Relu6, 2, 4) },
        { BuiltinOperator.DepthwiseConv2D, new DepthwiseConv2DOptions(Padding.Same, 1, 2, 3, ActivationFunction.Relu, 2, 1) },
        { BuiltinOperator.MaxPool2D, new Pool2DOptions(Padding.Same, 2, 2, 3, 3, ActivationFunction.ReluN1To1) },
        { BuiltinOperator.FullyConnected, new FullyConnectedOptions(ActivationFunction.Relu, FullyConnectedWeightsFormat.Default, KeepNumDims: true) },
        { BuiltinOperator.Softmax, new SoftmaxOptions(0.5f) },
        { BuiltinOperator.Concatenation, new ConcatenationOptions(-1, ActivationFunction.Relu6) },
        { BuiltinOperator.Add, new AddOptions(ActivationFunction.Relu6) },
        { BuiltinOperator.Sub, new SubOptions(ActivationFunction.Relu) },
        { BuiltinOperator.Mul, new MulOptions(ActivationFunction.Tanh) },
        { BuiltinOperator.Reshape, new ReshapeOptions([1, 32]) },
        { BuiltinOperator.Mean, new ReducerOptions(KeepDims: true) },
        { BuiltinOperator.Squeeze, new SqueezeOptions([0, 2]) },
        { BuiltinOperator.BatchMatMul, new BatchMatMulOptions(AdjX: true, AdjY: false) },
        { BuiltinOperator.ResizeBilinear, new ResizeBilinearOptions(AlignCorners: false, HalfPixelCenters: true) },
        { BuiltinOperator.ResizeNearestNeighbor, new ResizeNearestNeighborOptions(AlignCorners: true) },
        { BuiltinOperator.Gather, new GatherOptions(1) },
        { BuiltinOperator.StridedSlice, new StridedSliceOptions(1, 2, 0, 0, 4) },
        { BuiltinOperator.Split, new SplitOptions(2) },
        { BuiltinOperator.Pack, new PackOptions(1, 3) },
        { BuiltinOperator.ArgMax, new ArgMaxOptions(TensorType.Int32) },
        { BuiltinOperator.LeakyRelu, new LeakyReluOptions(0.1f) },
        { BuiltinOperator.Pad, new PadOptions() },
        { BuiltinOperator.Transpose, new TransposeOptions() },
        { BuiltinOperator.ExpandDims, new ExpandDimsOptions() },
        { BuiltinOperator.Quantize, new QuantizeOptions() },
        { BuiltinOperator.Dequantize, new DequantizeOptions() },
        { BuiltinOperator.HardSwish, new HardSwishOptions() },
    };

    [Fact]
    public void Custom_operators_keep_name_options_and_version()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.UInt8, [1, 8], QuantizationParameters.PerTensor(0.5f, 128));
        var y = b.AddTensor("y", TensorType.UInt8, [1, 8], QuantizationParameters.PerTensor(0.5f, 128));
        b.AddCustomOperator("edgetpu-custom-op", [x], [y], new byte[] { 1, 2, 3, 4, 5 }, version: 2);
        b.SetInputs(x);
        b.SetOutputs(y);

        var read = ModelReader.Read(b.ToBytes());
        var code = read.OperatorCodes.Single();
        Assert.True(code.IsCustom);
        Assert.Equal("edgetpu-custom-op", code.Name);
        Assert.Equal(2, code.Version);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, read.MainGraph.Operators[0].CustomOptions.ToArray());
    }

    [Fact]
    public void Operator_codes_above_127_use_the_extended_field_and_read_back()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var y = b.AddTensor("y", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Gelu, [x], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal(BuiltinOperator.Gelu, ModelReader.Read(b.ToBytes()).OperatorCodes[0].Builtin);
    }

    [Fact]
    public void Metadata_and_description_round_trip()
    {
        var read = ModelReader.Read(SampleModels.SmallCtcRecognizer().ToBytes());
        Assert.Equal("sample CTC recognizer", read.Description);
        Assert.Equal("1.14.0"u8.ToArray(), read.GetMetadata("min_runtime_version").ToArray());
        Assert.True(read.GetMetadata("absent").IsEmpty);
    }

    [Fact]
    public void Empty_optional_inputs_and_shape_signatures_round_trip()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 3]);
        var w = b.AddConstant<float>("w", TensorType.Float32, [2, 3], [1, 2, 3, 4, 5, 6]);
        var y = b.AddTensor("y", TensorType.Float32, [1, 2]);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, -1], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        var read = ModelReader.Read(b.ToBytes());
        Assert.Equal([0, 1, -1], read.MainGraph.Operators[0].Inputs);
        Assert.Equal(1, read.OperatorCodes[0].Version); // -1 keeps the 3-operand form (version 6 means 2 operands)
    }

    [Fact]
    public void Zero_point_vectors_of_one_width_are_stored_once_and_read_back_per_tensor()
    {
        var built = SampleModels.SmallCtcRecognizer().Build();
        var bytes = ModelWriter.Write(built);
        var reader = new FlatBufferReader(bytes);
        var graphs = reader.VectorAt(reader.IndirectAt(reader.Root().FieldPosition(ModelFields.SubGraphs, 4), "subgraphs"), 4, "subgraphs");
        var graph = reader.TableAt(reader.IndirectAt(graphs.Start, "graph"), "graph");
        var tensors = reader.VectorAt(reader.IndirectAt(graph.FieldPosition(SubGraphFields.Tensors, 4), "tensors"), 4, "tensors");
        var zeroPointVectors = Enumerable.Range(0, tensors.Count)
            .Select(i => reader.TableAt(reader.IndirectAt(tensors.Start + (4L * i), "tensor"), "tensor"))
            .Where(t => t.Has(TensorFields.Quantization))
            .Select(t => reader.TableAt(reader.IndirectAt(t.FieldPosition(TensorFields.Quantization, 4), "quantization"), "quantization"))
            .Select(q => reader.IndirectAt(q.FieldPosition(QuantizationFields.ZeroPoint, 4), "zero points"))
            .ToArray();
        var distinctZeroPoints = built.MainGraph.Tensors
            .Where(t => t.Quantization is not null)
            .Select(t => string.Join(',', t.Quantization!.ZeroPoint))
            .Distinct()
            .Count();

        Assert.True(zeroPointVectors.Length > 2 * distinctZeroPoints, "the sample model should repeat zero points");
        Assert.Equal(distinctZeroPoints, zeroPointVectors.Distinct().Count());
        AssertSameModel(built, ModelReader.Read(bytes));
    }

    internal static void AssertSameModel(TfLiteModel expected, TfLiteModel actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.OperatorCodes, actual.OperatorCodes);
        Assert.Equal(expected.Buffers.Length, actual.Buffers.Length);
        for (var i = 0; i < expected.Buffers.Length; i++)
        {
            Assert.True(expected.Buffers[i].Span.SequenceEqual(actual.Buffers[i].Span), $"buffer {i}");
        }

        Assert.Equal(expected.SubGraphs.Length, actual.SubGraphs.Length);
        var e = expected.MainGraph;
        var a = actual.MainGraph;
        Assert.Equal(e.Name, a.Name);
        Assert.Equal(e.Inputs, a.Inputs);
        Assert.Equal(e.Outputs, a.Outputs);
        Assert.Equal(e.Tensors.Length, a.Tensors.Length);
        for (var i = 0; i < e.Tensors.Length; i++)
        {
            var et = e.Tensors[i];
            var at = a.Tensors[i];
            Assert.Equal(et.Name, at.Name);
            Assert.Equal(et.Type, at.Type);
            Assert.Equal(et.Shape, at.Shape);
            Assert.Equal(et.BufferIndex, at.BufferIndex);
            Assert.Equal(et.Quantization, at.Quantization);
            Assert.True(et.Data.Span.SequenceEqual(at.Data.Span), $"tensor {i} data");
        }

        Assert.Equal(e.Operators.Length, a.Operators.Length);
        for (var i = 0; i < e.Operators.Length; i++)
        {
            Assert.Equal(e.Operators[i].OpcodeIndex, a.Operators[i].OpcodeIndex);
            Assert.Equal(e.Operators[i].Inputs, a.Operators[i].Inputs);
            Assert.Equal(e.Operators[i].Outputs, a.Operators[i].Outputs);
            Assert.Equal(e.Operators[i].Options, a.Operators[i].Options);
        }

        Assert.Equal(expected.Metadata, actual.Metadata);
    }
}
