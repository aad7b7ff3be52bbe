using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class SplitConformanceTests
{
    private static readonly TensorType[] Types = [TensorType.Int8, TensorType.UInt8, TensorType.Float32, TensorType.Int32];

    [Fact]
    public void Split_matches_native() =>
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 5].Array[4], Gen.Int[0, 7], Gen.Int[1, 4], Gen.Int[0, Types.Length - 1], Gen.Bool)
            .Sample(
                c =>
                {
                    var (seed, rank, dims, axisPick, splits, typeIndex, scalarAxis) = c;
                    var type = Types[typeIndex];
                    var axis = axisPick % rank;
                    var shape = dims.Take(rank).ToArray();
                    shape[axis] *= splits; // divisible by num_splits
                    var written = axisPick >= rank ? axis - rank : axis; // also negative axes
                    var random = new Random(seed);
                    var q = type is TensorType.Int8 or TensorType.UInt8 ? SingleOpModels.Activation(random, type) : null;
                    var outShape = (int[])shape.Clone();
                    outShape[axis] /= splits;

                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", type, shape, q);
                    var axisTensor = b.AddConstant<int>("axis", TensorType.Int32, scalarAxis ? [] : [1], [written]);
                    var outputs = Enumerable.Range(0, splits).Select(i => b.AddTensor($"y{i}", type, outShape, q)).ToArray();
                    b.AddOperator(BuiltinOperator.Split, [axisTensor, x], outputs, new SplitOptions(splits));
                    b.SetInputs(x);
                    b.SetOutputs(outputs);
                    NativeOracle.AssertSameAsNative(b, seed, $"SPLIT {type} [{string.Join(',', shape)}] axis {written} into {splits}");
                },
                iter: Soak.Iterations(60),
                threads: 1);

    /// <summary>
    /// The exported recognizer's attention rewrite: one SOFTMAX over the last axis of [1,T,N] equals, byte for
    /// byte, SPLIT into T rows → RESHAPE [N] → 1-D SOFTMAX → RESHAPE [1,1,N] → CONCATENATION, in TFLite 2.2
    /// and in the managed interpreter (the int8 table depends only on the input scale and beta).
    /// </summary>
    [Fact]
    public void Row_wise_1d_softmaxes_equal_one_softmax_over_the_last_axis() =>
        Gen.Select(Gen.Int, Gen.Int[1, 16], Gen.Int[1, 160], Gen.Int[0, 1], Gen.Bool)
            .Sample(
                c =>
                {
                    var (seed, rows, depth, typeIndex, unitBeta) = c;
                    var type = typeIndex == 0 ? TensorType.Int8 : TensorType.UInt8;
                    var random = new Random(seed);
                    var q = SingleOpModels.Activation(random, type);
                    var softmaxQ = QuantizationParameters.PerTensor(1f / 256, type == TensorType.Int8 ? -128 : 0);
                    var beta = unitBeta ? 1f : (float)(0.2 + random.NextDouble());

                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", type, [1, rows, depth], q);
                    var whole = b.AddTensor("whole", type, [1, rows, depth], softmaxQ);
                    b.AddOperator(BuiltinOperator.Softmax, [x], [whole], new SoftmaxOptions(beta));

                    var axis = b.AddConstant<int>("axis", TensorType.Int32, [], [1]);
                    var parts = Enumerable.Range(0, rows).Select(t => b.AddTensor($"row{t}", type, [1, 1, depth], q)).ToArray();
                    b.AddOperator(BuiltinOperator.Split, [axis, x], parts, new SplitOptions(rows));
                    var masks = new int[rows];
                    for (var t = 0; t < rows; t++)
                    {
                        var flat = b.AddTensor($"flat{t}", type, [depth], q);
                        b.AddOperator(BuiltinOperator.Reshape, [parts[t], b.AddConstant<int>($"flat{t}.shape", TensorType.Int32, [1], [depth])], [flat], new ReshapeOptions([depth]));
                        var soft = b.AddTensor($"soft{t}", type, [depth], softmaxQ);
                        b.AddOperator(BuiltinOperator.Softmax, [flat], [soft], new SoftmaxOptions(beta));
                        masks[t] = b.AddTensor($"mask{t}", type, [1, 1, depth], softmaxQ);
                        b.AddOperator(BuiltinOperator.Reshape, [soft, b.AddConstant<int>($"mask{t}.shape", TensorType.Int32, [3], [1, 1, depth])], [masks[t]], new ReshapeOptions([1, 1, depth]));
                    }

                    var rowWise = b.AddTensor("row_wise", type, [1, rows, depth], softmaxQ);
                    b.AddOperator(BuiltinOperator.Concatenation, masks, [rowWise], new ConcatenationOptions(1));
                    b.SetInputs(x);
                    b.SetOutputs(whole, rowWise);
                    var description = $"{type} [1,{rows},{depth}] beta {beta} in {q}";
                    NativeOracle.AssertSameAsNative(b, seed, description);
                    NativeOracle.AssertOutputsEqualInNative(b, seed, 0, 1, description);
                },
                iter: Soak.Iterations(40),
                threads: 1);
}
