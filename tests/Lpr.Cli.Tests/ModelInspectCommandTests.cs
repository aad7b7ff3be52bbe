using System.Text.Json;
using Lpr.Cli.Commands;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Tests;

public sealed class ModelInspectCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lpr-inspect-{Guid.NewGuid():N}.tflite");

    public ModelInspectCommandTests()
    {
        // int8 [1,4,4,2] → RELU → FULLY_CONNECTED to [1,3]: 2 ops, 24 weights + 3 biases, 3×32 MACs.
        var b = new ModelBuilder { Description = "inspect test" };
        var q = QuantizationParameters.PerTensor(0.5f, -3);
        var x = b.AddTensor("image", TensorType.Int8, [1, 4, 4, 2], q);
        var r = b.AddTensor("relu", TensorType.Int8, [1, 4, 4, 2], q);
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [3, 32], new sbyte[96], QuantizationParameters.PerTensor(0.1f, 0));
        var bias = b.AddConstant<int>("bias", TensorType.Int32, [3], [1, 2, 3], QuantizationParameters.PerTensor(0.05f, 0));
        var y = b.AddTensor("logits", TensorType.Int8, [1, 3], QuantizationParameters.PerTensor(0.25f, 1));
        b.AddOperator(BuiltinOperator.Relu, [x], [r]);
        b.AddOperator(BuiltinOperator.FullyConnected, [r, w, bias], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        File.WriteAllBytes(_path, b.ToBytes());
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Text_report_lists_tensors_operators_size_cost_and_edge_tpu_summary()
    {
        var output = new StringWriter();
        Assert.Equal(0, ModelInspectCommand.Run(_path, asJson: false, perOperatorEdgeTpu: true, output, new StringWriter()));
        var text = output.ToString();
        Assert.Contains("#0 'image' INT8 [1,4,4,2] scale 0.5, zero point -3", text, StringComparison.Ordinal);
        Assert.Contains("'logits' INT8 [1,3]", text, StringComparison.Ordinal);
        Assert.Contains("Operators (2): FULLY_CONNECTED x1, RELU x1", text, StringComparison.Ordinal);
        Assert.Contains("FULLY_CONNECTED v4", text, StringComparison.Ordinal);
        Assert.Contains("Parameters: 99 (108 bytes)", text, StringComparison.Ordinal);
        Assert.Contains("MACs: 96", text, StringComparison.Ordinal);
        Assert.Contains("Edge TPU: all 2 operators can be mapped", text, StringComparison.Ordinal);
        Assert.Contains("FULLY_CONNECTED          edgetpu", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_is_one_parseable_object()
    {
        var output = new StringWriter();
        Assert.Equal(0, ModelInspectCommand.Run(_path, asJson: true, perOperatorEdgeTpu: false, output, new StringWriter()));
        using var doc = JsonDocument.Parse(output.ToString());
        var root = doc.RootElement;
        Assert.Equal("inspect test", root.GetProperty("description").GetString());
        Assert.Equal(-3, root.GetProperty("inputs")[0].GetProperty("quantization").GetProperty("zeroPoint")[0].GetInt64());
        Assert.Equal(1, root.GetProperty("operators").GetProperty("RELU").GetInt32());
        Assert.Equal(96, root.GetProperty("macs").GetInt64());
        Assert.True(root.GetProperty("edgeTpu").GetProperty("fullyMappable").GetBoolean());
    }

    [Fact]
    public void A_file_that_is_not_a_model_exits_2_with_the_reason()
    {
        File.WriteAllText(_path, "this is not a flatbuffer at all");
        var error = new StringWriter();
        Assert.Equal(2, ModelInspectCommand.Run(_path, asJson: false, perOperatorEdgeTpu: false, new StringWriter(), error));
        Assert.Contains("Not a TFLite model", error.ToString(), StringComparison.Ordinal);
    }
}
