using Lpr.Testing;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.TfLite.Tests.Format;

public sealed class ModelCutterTests
{
    [Fact]
    public void A_cut_keeps_only_the_operators_tensors_buffers_inputs_and_codes_its_outputs_need()
    {
        var model = Detector();
        var cut = ModelCutter.Cut(model, [ModelCutter.FindTensor(model, "conv")]);
        var graph = cut.MainGraph;

        Assert.Equal(["RELU", "CONV_2D"], graph.Operators.Select(op => cut.GetOperatorCode(op).Name));
        Assert.Equal(["RELU", "CONV_2D"], cut.OperatorCodes.Select(code => code.Name));
        Assert.Equal(["image"], graph.InputTensors.Select(t => t.Name));
        Assert.Equal(["conv"], graph.OutputTensors.Select(t => t.Name));
        Assert.Equal(["image", "relu", "conv/weights", "conv/bias", "conv"], graph.Tensors.Select(t => t.Name));
        Assert.Equal(["image", "relu"], graph.Operators[0].Inputs.Concat(graph.Operators[0].Outputs).Select(t => graph.Tensors[t].Name));
        Assert.Equal(["relu", "conv/weights", "conv/bias", "conv"], graph.Operators[1].Inputs.Concat(graph.Operators[1].Outputs).Select(t => graph.Tensors[t].Name));

        // The sentinel, the two constants and the runtime-version metadata; the stale output description is dropped.
        Assert.Equal(4, cut.Buffers.Length);
        Assert.Equal(["min_runtime_version"], cut.Metadata.Select(m => m.Name));
        Assert.Equal("1.14.0"u8.ToArray(), cut.GetMetadata("min_runtime_version").ToArray());
        Assert.Equal(model.MainGraph.Tensors.Single(t => t.Name == "conv/weights").Data.ToArray(), graph.Tensors[2].Data.ToArray());

        var reread = TfLiteModel.FromBytes(cut.ToBytes());
        Assert.Equal(graph.Tensors.Select(t => t.ToString()), reread.MainGraph.Tensors.Select(t => t.ToString()));
    }

    [Fact]
    public void The_cut_output_is_what_the_tensor_held_inside_the_whole_model()
    {
        var whole = SampleModels.SmallCtcRecognizer(3).Build();
        var residual = ModelCutter.FindTensor(whole, "residual");
        var probabilities = ModelCutter.FindTensor(whole, "probabilities");

        // The whole graph with the intermediate exposed, against the graph cut at it: same input, same bytes.
        using var full = new ManagedInterpreter(ModelCutter.Cut(whole, [probabilities, residual]));
        var cut = ModelCutter.Cut(whole, [residual]);
        using var part = new ManagedInterpreter(cut);
        Assert.Equal(4, cut.MainGraph.Operators.Length);
        new Random(11).NextBytes(full.GetInputBuffer(0));
        full.GetInputBuffer(0).CopyTo(part.GetInputBuffer(0));
        full.Invoke();
        part.Invoke();
        Assert.Equal(full.GetOutputBuffer(1).ToArray(), part.GetOutputBuffer(0).ToArray());
    }

    [Theory]
    [InlineData("residual")]
    [InlineData("pool,dw")]
    public void A_cut_model_loads_in_TFLite_2_2_and_matches_it_on_every_kernel_path(string outputs)
    {
        var whole = SampleModels.SmallCtcRecognizer(4).Build();
        var cut = ModelCutter.Cut(whole, [.. outputs.Split(',').Select(name => ModelCutter.FindTensor(whole, name))]);
        for (var seed = 0; seed < 2; seed++)
        {
            NativeOracle.AssertSameAsNative(new PrebuiltModel(cut.ToBytes()), seed, $"recognizer cut at {outputs}");
        }
    }

    [Fact]
    public void Before_custom_operators_the_outputs_are_their_computed_inputs_and_the_outputs_no_custom_op_is_behind()
    {
        var model = Detector();
        var outputs = ModelCutter.OutputsBeforeCustomOperators(model);
        Assert.Equal(["side_sum", "conv"], outputs.Select(t => model.MainGraph.Tensors[t].Name));

        var cut = ModelCutter.Cut(model, outputs);
        Assert.DoesNotContain(cut.OperatorCodes, code => code.IsCustom);
        Assert.Equal(["image", "side"], cut.MainGraph.InputTensors.Select(t => t.Name));
        Assert.DoesNotContain(cut.MainGraph.Tensors, t => t.Name is "anchors" or "detections");
    }

    [Fact]
    public void A_model_without_custom_operators_has_nothing_to_cut_before()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelCutter.OutputsBeforeCustomOperators(SampleModels.SmallCtcRecognizer().Build()));
        Assert.Equal("The model has no custom operator to cut before.", e.Message);
    }

    [Fact]
    public void Tensors_are_found_by_exact_name_or_index()
    {
        var model = Detector();
        Assert.Equal(1, ModelCutter.FindTensor(model, "relu"));
        Assert.Equal(1, ModelCutter.FindTensor(model, "#1"));
        Assert.Equal(1, ModelCutter.FindTensor(model, "1"));
    }

    [Fact]
    public void Unknown_and_ambiguous_tensors_are_refused_naming_them()
    {
        var model = Detector();
        var unknown = Assert.Throws<ArgumentException>(() => ModelCutter.FindTensor(model, "Conv"));
        Assert.Equal(
            "The model has no tensor named 'Conv'; similar: #2 'conv/weights', #3 'conv/bias', #4 'conv' (`lpr model inspect` lists the inputs and outputs; an index #N works too).",
            unknown.Message);
        var outOfRange = Assert.Throws<ArgumentException>(() => ModelCutter.FindTensor(model, "#99"));
        Assert.Equal($"Tensor index 99 is out of range: the main graph has {model.MainGraph.Tensors.Length} tensors (#0 to #{model.MainGraph.Tensors.Length - 1}).", outOfRange.Message);

        var b = new ModelBuilder();
        var q = QuantizationParameters.PerTensor(0.5f, 0);
        var x = b.AddTensor("x", TensorType.Int8, [1, 4], q);
        var first = b.AddTensor("same", TensorType.Int8, [1, 4], q);
        var second = b.AddTensor("same", TensorType.Int8, [1, 4], q);
        b.AddOperator(BuiltinOperator.Relu, [x], [first]);
        b.AddOperator(BuiltinOperator.Relu, [first], [second]);
        b.SetInputs(x);
        b.SetOutputs(second);
        var ambiguous = Assert.Throws<ArgumentException>(() => ModelCutter.FindTensor(b.Build(), "same"));
        Assert.Equal("Tensor name 'same' is shared by tensors #1, #2; give the index (#N) instead.", ambiguous.Message);
    }

    [Fact]
    public void Outputs_that_cannot_be_cut_to_are_refused_naming_them()
    {
        var model = Detector();
        Assert.Equal("A cut needs at least one output tensor.", Assert.Throws<ArgumentException>(() => ModelCutter.Cut(model, [])).Message);
        Assert.Contains("Tensor index 42 is out of range", Assert.Throws<ArgumentException>(() => ModelCutter.Cut(model, [42])).Message, StringComparison.Ordinal);
        Assert.Equal("Tensor #4 'conv' INT8[1x4x4x3] is named twice as an output.", Assert.Throws<ArgumentException>(() => ModelCutter.Cut(model, [4, 4])).Message);
        Assert.Equal(
            "Tensor #2 'conv/weights' INT8[3x1x1x2] is a constant; an output must be computed by an operator.",
            Assert.Throws<ArgumentException>(() => ModelCutter.Cut(model, [2])).Message);

        var twoGraphs = new TfLiteModel(model.OperatorCodes, [model.MainGraph, model.MainGraph], model.Buffers);
        Assert.Equal("The model has 2 subgraphs; only single-graph models can be cut.", Assert.Throws<ArgumentException>(() => ModelCutter.Cut(twoGraphs, [4])).Message);
    }

    /// <summary><see cref="CustomOpDetectorModel"/> with its side branch and two metadata entries.</summary>
    internal static TfLiteModel Detector()
    {
        var b = CustomOpDetectorModel.Build(sideBranch: true);
        b.AddMetadata("min_runtime_version", "1.14.0"u8.ToArray());
        b.AddMetadata(ModelCutter.TfLiteMetadataName, new byte[] { 1, 2, 3, 4 });
        return b.Build();
    }
}
