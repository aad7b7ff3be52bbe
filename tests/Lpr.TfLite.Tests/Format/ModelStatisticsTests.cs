using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

public class ModelStatisticsTests
{
    [Fact]
    public void Counts_operators_parameters_and_macs_of_the_sample_recognizer()
    {
        var stats = ModelStatistics.Compute(SampleModels.SmallCtcRecognizer().Build());

        Assert.Equal(
            ["CONV_2D", "ADD", "AVERAGE_POOL_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "RESHAPE", "SOFTMAX"],
            stats.OperatorHistogram.Select(p => p.Key));
        Assert.Equal(2, stats.OperatorHistogram[0].Value);

        // conv1 8x3x3x1 + 8 bias, dw 1x3x3x8 + 8, conv2 8x1x1x8 + 8, fc 10x8 + 10 (the reshape's shape operand is not a parameter).
        Assert.Equal((72 + 8) + (72 + 8) + (64 + 8) + (80 + 10), stats.ParameterCount);
        Assert.Equal((72 + 32) + (72 + 32) + (64 + 32) + (80 + 40), stats.ParameterBytes);

        // Output elements × products per output: conv1 1024×9, dw 1024×9, conv2 1024×8, fc 160×8.
        Assert.Equal((1024L * 9) + (1024L * 9) + (1024L * 8) + (160L * 8), stats.MultiplyAccumulates);
    }

    [Fact]
    public void Arena_is_the_peak_of_simultaneously_live_activations()
    {
        // x(64 B) → relu a(64) → relu b(64) → add(a, b) c(64): at the add, a, b and c are alive; x died after op 0.
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [16]);
        var a = b.AddTensor("a", TensorType.Float32, [16]);
        var c1 = b.AddTensor("b", TensorType.Float32, [16]);
        var c = b.AddTensor("c", TensorType.Float32, [16]);
        b.AddOperator(BuiltinOperator.Relu, [x], [a]);
        b.AddOperator(BuiltinOperator.Relu, [a], [c1]);
        b.AddOperator(BuiltinOperator.Add, [a, c1], [c], new AddOptions());
        b.SetInputs(x);
        b.SetOutputs(c);
        var stats = ModelStatistics.Compute(b.Build());
        Assert.Equal(4 * 64, stats.ActivationBytes);
        Assert.Equal(3 * 64, stats.ArenaBytes);
        Assert.Equal(0, stats.ParameterCount);
        Assert.Equal(0, stats.MultiplyAccumulates);
    }
}
