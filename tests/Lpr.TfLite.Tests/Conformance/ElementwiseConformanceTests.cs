using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class ElementwiseConformanceTests
{
    private static readonly ActivationFunction[] Activations = [ActivationFunction.None, ActivationFunction.Relu, ActivationFunction.Relu6, ActivationFunction.ReluN1To1];

    /// <summary>Random 4-D shapes and a broadcast partner: each dimension of the second operand may be 1.</summary>
    private static readonly Gen<(int Seed, int[] A, int[] B, int Act)> BroadcastCases =
        Gen.Select(Gen.Int, Gen.Int[1, 5].Array[4], Gen.Int[0, 15], Gen.Int[1, 4], Gen.Int[0, 3])
            .Select(t =>
            {
                var (seed, shape, mask, rank, act) = t;
                var a = shape[(4 - rank)..];
                var b = a.Select((d, i) => ((mask >> i) & 1) == 1 ? 1 : d).ToArray();
                return (seed, a, b, act);
            });

    [Theory]
    [InlineData(BuiltinOperator.Add, TensorType.Int8)]
    [InlineData(BuiltinOperator.Add, TensorType.UInt8)]
    [InlineData(BuiltinOperator.Sub, TensorType.Int8)]
    [InlineData(BuiltinOperator.Sub, TensorType.UInt8)]
    [InlineData(BuiltinOperator.Mul, TensorType.Int8)]
    [InlineData(BuiltinOperator.Mul, TensorType.UInt8)]
    public void Binary_ops_with_broadcast_match_native(BuiltinOperator op, TensorType type) =>
        BroadcastCases.Sample(
            c =>
            {
                var random = new Random(c.Seed);
                var b = new ModelBuilder();
                var swap = random.Next(2) == 0;
                var x = b.AddTensor("a", type, swap ? c.B : c.A, SingleOpModels.Activation(random, type));
                var z = b.AddTensor("b", type, swap ? c.A : c.B, SingleOpModels.Activation(random, type));
                var y = b.AddTensor("y", type, c.A, SingleOpModels.Activation(random, type));
                OperatorOptions options = op switch
                {
                    BuiltinOperator.Add => new AddOptions(Activations[c.Act]),
                    BuiltinOperator.Sub => new SubOptions(Activations[c.Act]),
                    _ => new MulOptions(Activations[c.Act]),
                };
                b.AddOperator(op, [x, z], [y], options);
                b.SetInputs(x, z);
                b.SetOutputs(y);
                NativeOracle.AssertSameAsNative(b, c.Seed, $"{op} {type} seed {c.Seed} a=[{string.Join(',', swap ? c.B : c.A)}] b=[{string.Join(',', swap ? c.A : c.B)}] act={Activations[c.Act]} quant {b.Build().MainGraph.Tensors[0].Quantization} / {b.Build().MainGraph.Tensors[1].Quantization} -> {b.Build().MainGraph.Tensors[2].Quantization}");
            },
            iter: Soak.Iterations(60),
            threads: 1);

    [Theory]
    [InlineData(BuiltinOperator.Relu, TensorType.Int8)]
    [InlineData(BuiltinOperator.Relu, TensorType.UInt8)]
    [InlineData(BuiltinOperator.Relu6, TensorType.Int8)]
    [InlineData(BuiltinOperator.Relu6, TensorType.UInt8)]
    [InlineData(BuiltinOperator.HardSwish, TensorType.Int8)]
    [InlineData(BuiltinOperator.HardSwish, TensorType.UInt8)]
    [InlineData(BuiltinOperator.Logistic, TensorType.Int8)]
    [InlineData(BuiltinOperator.Logistic, TensorType.UInt8)]
    [InlineData(BuiltinOperator.Tanh, TensorType.Int8)]
    [InlineData(BuiltinOperator.Tanh, TensorType.UInt8)]
    public void Unary_ops_match_native(BuiltinOperator op, TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 300], Gen.Bool).Sample(
            c =>
            {
                var (seed, length, sameScale) = c;
                var random = new Random(seed);
                var b = new ModelBuilder();
                var inQ = SingleOpModels.Activation(random, type);
                var outQ = op switch
                {
                    BuiltinOperator.Logistic => QuantizationParameters.PerTensor(1f / 256, type == TensorType.Int8 ? -128 : 0),
                    BuiltinOperator.Tanh => QuantizationParameters.PerTensor(1f / 128, type == TensorType.Int8 ? 0 : 128),
                    _ when sameScale => inQ,
                    _ => SingleOpModels.Activation(random, type),
                };
                if (op is BuiltinOperator.Logistic or BuiltinOperator.Tanh)
                {
                    // Spread the input over the interesting range of the function.
                    inQ = QuantizationParameters.PerTensor((float)(0.01 + (random.NextDouble() * 0.06)), inQ.ZeroPoint[0]);
                }

                var x = b.AddTensor("x", type, [1, length], inQ);
                var y = b.AddTensor("y", type, [1, length], outQ);
                b.AddOperator(op, [x], [y]);
                b.SetInputs(x);
                b.SetOutputs(y);
                NativeOracle.AssertSameAsNative(b, seed, $"{op} {type} {c} in={inQ} out={outQ}");
            },
            iter: Soak.Iterations(40),
            threads: 1);

    [Theory]
    [InlineData(TensorType.Int8)]
    [InlineData(TensorType.UInt8)]
    public void Softmax_matches_native(TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 5], Gen.Int[1, 80], Gen.Int[0, 3]).Sample(
            c =>
            {
                var (seed, rows, depth, betaIndex) = c;
                var random = new Random(seed);
                var b = new ModelBuilder();
                var inQ = QuantizationParameters.PerTensor((float)(0.02 + (random.NextDouble() * 0.3)), type == TensorType.Int8 ? random.Next(-20, 21) : random.Next(100, 156));
                var x = b.AddTensor("x", type, [rows, depth], inQ);
                var y = b.AddTensor("y", type, [rows, depth], QuantizationParameters.PerTensor(1f / 256, type == TensorType.Int8 ? -128 : 0));
                b.AddOperator(BuiltinOperator.Softmax, [x], [y], new SoftmaxOptions(new[] { 1f, 0.5f, 2f, 1.7f }[betaIndex]));
                b.SetInputs(x);
                b.SetOutputs(y);
                NativeOracle.AssertSameAsNative(b, seed, $"SOFTMAX {type} {c} in={inQ}");
            },
            iter: Soak.Iterations(60),
            threads: 1);

    [Theory]
    [InlineData(TensorType.Int8)]
    [InlineData(TensorType.UInt8)]
    public void Quantize_and_dequantize_match_native(TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 200]).Sample(
            c =>
            {
                var (seed, length) = c;
                var random = new Random(seed);
                var q = SingleOpModels.Activation(random, type);
                var b = new ModelBuilder();
                var x = b.AddTensor("x", TensorType.Float32, [length]);
                var mid = b.AddTensor("q", type, [length], q);
                var requantized = b.AddTensor("r", TensorType.Int8, [length], SingleOpModels.Activation(random, TensorType.Int8));
                var y = b.AddTensor("y", TensorType.Float32, [length]);
                b.AddOperator(BuiltinOperator.Quantize, [x], [mid]);
                b.AddOperator(BuiltinOperator.Dequantize, [mid], [y]);
                b.AddOperator(BuiltinOperator.Quantize, [mid], [requantized]);
                b.SetInputs(x);
                b.SetOutputs(mid, y, requantized);
                NativeOracle.AssertSameAsNative(b, seed, $"QUANTIZE/DEQUANTIZE {type} {c} q={q}");
            },
            iter: Soak.Iterations(40),
            threads: 1);
}
