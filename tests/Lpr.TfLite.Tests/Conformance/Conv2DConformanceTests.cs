using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class Conv2DConformanceTests
{
    private static readonly Gen<(int Seed, int H, int W, int InC, int OutC, int K, int Stride, int Dilation, Padding Padding, ActivationFunction Act, bool PerChannel)> Cases =
        Gen.Select(
            Gen.Int, Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int[1, 9], Gen.Int[1, 9],
            Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[1, 2])
        .Select(Gen.Enum<Padding>(), Gen.Int[0, 3].Select(i => (ActivationFunction)new[] { 0, 1, 3, 2 }[i]), Gen.Bool,
            (t, p, a, pc) => (t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8, p, a, pc));

    [Fact]
    public void Int8_matches_native_across_parameter_space() =>
        Cases.Sample(c => Run(TensorType.Int8, c), iter: Soak.Iterations(120), threads: 1);

    [Fact]
    public void UInt8_matches_native_across_parameter_space() =>
        Cases.Sample(c => Run(TensorType.UInt8, c with { PerChannel = false, Dilation = 1 }), iter: Soak.Iterations(60), threads: 1);

    private static void Run(TensorType type, (int Seed, int H, int W, int InC, int OutC, int K, int Stride, int Dilation, Padding Padding, ActivationFunction Act, bool PerChannel) c)
    {
        var effective = ((c.K - 1) * c.Dilation) + 1;
        if (c.Padding == Padding.Valid && (effective > c.H || effective > c.W))
        {
            return;
        }

        var random = new Random(c.Seed);
        var b = new ModelBuilder();
        var inQ = SingleOpModels.Activation(random, type);
        var outQ = SingleOpModels.Activation(random, type);
        var outH = c.Padding == Padding.Same ? (c.H + c.Stride - 1) / c.Stride : (c.H - effective + c.Stride) / c.Stride;
        var outW = c.Padding == Padding.Same ? (c.W + c.Stride - 1) / c.Stride : (c.W - effective + c.Stride) / c.Stride;
        var scales = SingleOpModels.ChannelScales(random, c.OutC, c.PerChannel && type == TensorType.Int8);
        var filterQ = type == TensorType.Int8
            ? QuantizationParameters.PerChannel(scales, 0)
            : QuantizationParameters.PerTensor(scales[0], random.Next(100, 156));
        var x = b.AddTensor("x", type, [1, c.H, c.W, c.InC], inQ);
        var filterBytes = type == TensorType.Int8 ? SingleOpModels.SymmetricInt8(random, c.OutC * c.K * c.K * c.InC) : SingleOpModels.RandomBytes(random, c.OutC * c.K * c.K * c.InC);
        var w = b.AddTensor("w", type, [c.OutC, c.K, c.K, c.InC], filterQ, filterBytes);
        // TFLite 2.2's CONV_2D requires the bias operand (the managed kernel also accepts none).
        var bias = SingleOpModels.AddBias(b, random, c.OutC, inQ.Scale[0], type == TensorType.Int8 ? scales : [scales[0]]);
        var y = b.AddTensor("y", type, [1, outH, outW, c.OutC], outQ);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(c.Padding, c.Stride, c.Stride, c.Act, c.Dilation, c.Dilation));
        b.SetInputs(x);
        b.SetOutputs(y);
        NativeOracle.AssertSameAsNative(b, c.Seed, $"CONV_2D {type} {c}");
    }
}
