using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class DepthwiseAndFullyConnectedConformanceTests
{
    private static readonly ActivationFunction[] Activations = [ActivationFunction.None, ActivationFunction.Relu, ActivationFunction.Relu6, ActivationFunction.ReluN1To1];

    [Theory]
    [InlineData(TensorType.Int8)]
    [InlineData(TensorType.UInt8)]
    public void DepthwiseConv2D_matches_native(TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int[1, 3], Gen.Int[1, 4], Gen.Int[1, 3], Gen.Int[1, 2])
            .Select(Gen.Bool, Gen.Int[0, 3], Gen.Bool, (t, same, act, perChannel) => (t, same, act, perChannel))
            .Sample(
                c =>
                {
                    var ((seed, h, w, inC, multiplier, k, stride, dilation), same, act, perChannel) = c;
                    var effective = ((k - 1) * dilation) + 1;
                    if (!same && (effective > h || effective > w))
                    {
                        return;
                    }

                    // TFLite 2.2's uint8 depthwise kernels take no dilation through the version-1 op.
                    dilation = type == TensorType.UInt8 ? 1 : dilation;
                    effective = ((k - 1) * dilation) + 1;
                    var random = new Random(seed);
                    var outC = inC * multiplier;
                    var padding = same ? Padding.Same : Padding.Valid;
                    var outH = same ? (h + stride - 1) / stride : (h - effective + stride) / stride;
                    var outW = same ? (w + stride - 1) / stride : (w - effective + stride) / stride;
                    var inQ = SingleOpModels.Activation(random, type);
                    var scales = SingleOpModels.ChannelScales(random, outC, perChannel && type == TensorType.Int8);
                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", type, [1, h, w, inC], inQ);
                    var filterQ = type == TensorType.Int8
                        ? QuantizationParameters.PerChannel(scales, 3)
                        : QuantizationParameters.PerTensor(scales[0], random.Next(100, 156));
                    var weights = type == TensorType.Int8 ? SingleOpModels.SymmetricInt8(random, k * k * outC) : SingleOpModels.RandomBytes(random, k * k * outC);
                    var f = b.AddTensor("w", type, [1, k, k, outC], filterQ, weights);
                    var bias = SingleOpModels.AddBias(b, random, outC, inQ.Scale[0], type == TensorType.Int8 ? scales : [scales[0]]);
                    var y = b.AddTensor("y", type, [1, outH, outW, outC], SingleOpModels.Activation(random, type));
                    b.AddOperator(BuiltinOperator.DepthwiseConv2D, [x, f, bias], [y], new DepthwiseConv2DOptions(padding, stride, stride, multiplier, Activations[act], dilation, dilation));
                    b.SetInputs(x);
                    b.SetOutputs(y);
                    NativeOracle.AssertSameAsNative(b, seed, $"DEPTHWISE_CONV_2D {type} {c}");
                },
                iter: Soak.Iterations(100),
                threads: 1);

    [Theory]
    [InlineData(TensorType.Int8)]
    [InlineData(TensorType.UInt8)]
    public void FullyConnected_matches_native(TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 80], Gen.Int[1, 40], Gen.Int[0, 3])
            .Sample(
                c =>
                {
                    var (seed, batches, depth, units, act) = c;
                    var random = new Random(seed);
                    var inQ = SingleOpModels.Activation(random, type);
                    var filterScale = SingleOpModels.ChannelScales(random, 1, false);
                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", type, [batches, depth], inQ);
                    var filterQ = QuantizationParameters.PerTensor(filterScale[0], type == TensorType.Int8 ? 0 : random.Next(100, 156));
                    var weights = type == TensorType.Int8 ? SingleOpModels.SymmetricInt8(random, units * depth) : SingleOpModels.RandomBytes(random, units * depth);
                    var f = b.AddTensor("w", type, [units, depth], filterQ, weights);
                    var bias = SingleOpModels.AddBias(b, random, units, inQ.Scale[0], filterScale);
                    var y = b.AddTensor("y", type, [batches, units], SingleOpModels.Activation(random, type));
                    b.AddOperator(BuiltinOperator.FullyConnected, [x, f, bias], [y], new FullyConnectedOptions(Activations[act]));
                    b.SetInputs(x);
                    b.SetOutputs(y);
                    NativeOracle.AssertSameAsNative(b, seed, $"FULLY_CONNECTED {type} {c}");
                },
                iter: Soak.Iterations(80),
                threads: 1);
}
