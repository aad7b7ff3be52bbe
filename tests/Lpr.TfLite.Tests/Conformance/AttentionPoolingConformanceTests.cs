using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>
/// The shapes of the recognizer's attention pooling, whose rows the vectorized MUL and MEAN take eight values at a time
/// (the broadcast conformance cases keep every dimension at 5 or less, below one vector): a mask [1,T,P,1] scales the
/// features [1,1,P,C], a per-channel or per-pixel factor scales a feature map, and MEAN folds the P positions.
/// </summary>
public sealed class AttentionPoolingConformanceTests
{
    private static readonly Gen<(int Seed, int T, int P, int C, int Layout, int Act)> Cases =
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 12], Gen.Int[1, 40], Gen.Int[0, 3], Gen.Int[0, 1]);

    [Theory]
    [InlineData(TensorType.Int8)]
    [InlineData(TensorType.UInt8)]
    public void Mul_broadcast_along_rows_matches_native(TensorType type) =>
        Cases.Sample(
            c =>
            {
                var (a, b) = c.Layout switch
                {
                    0 => (new[] { 1, c.T, c.P, 1 }, new[] { 1, 1, c.P, c.C }),
                    1 => (new[] { 1, c.T, c.P, c.C }, new[] { 1, 1, 1, c.C }),
                    2 => (new[] { 1, c.T, c.P, c.C }, new[] { 1, c.T, c.P, 1 }),
                    _ => (new[] { 1, c.T, c.P, c.C }, new[] { 1, 1, c.P, c.C }),
                };
                var output = a.Zip(b, Math.Max).ToArray();
                var random = new Random(c.Seed);
                var builder = new ModelBuilder();
                var x = builder.AddTensor("a", type, a, SingleOpModels.Activation(random, type));
                var z = builder.AddTensor("b", type, b, SingleOpModels.Activation(random, type));
                var y = builder.AddTensor("y", type, output, SingleOpModels.Activation(random, type));
                builder.AddOperator(BuiltinOperator.Mul, [x, z], [y], new MulOptions(c.Act == 0 ? ActivationFunction.None : ActivationFunction.Relu6));
                builder.SetInputs(x, z);
                builder.SetOutputs(y);
                NativeOracle.AssertSameAsNative(builder, c.Seed, $"MUL {type} {c} a=[{string.Join(',', a)}] b=[{string.Join(',', b)}]");
            },
            iter: Soak.Iterations(60),
            threads: 1);

    [Fact]
    public void Mean_over_positions_matches_native() =>
        Cases.Sample(
            c =>
            {
                var random = new Random(c.Seed);
                var inQ = SingleOpModels.Activation(random, TensorType.Int8);
                var outQ = c.Act == 0 ? inQ : SingleOpModels.Activation(random, TensorType.Int8);
                var keepDims = c.Layout % 2 == 0;
                var builder = new ModelBuilder();
                var x = builder.AddTensor("x", TensorType.Int8, [1, c.T, c.P, c.C], inQ);
                var axis = builder.AddConstant<int>("axis", TensorType.Int32, [1], [2]);
                var y = builder.AddTensor("y", TensorType.Int8, keepDims ? [1, c.T, 1, c.C] : [1, c.T, c.C], outQ);
                builder.AddOperator(BuiltinOperator.Mean, [x, axis], [y], new ReducerOptions(keepDims));
                builder.SetInputs(x);
                builder.SetOutputs(y);
                NativeOracle.AssertSameAsNative(builder, c.Seed, $"MEAN {c} keep={keepDims} in={inQ} out={outQ}");
            },
            iter: Soak.Iterations(60),
            threads: 1);
}
