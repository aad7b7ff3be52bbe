using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class ShapeAndPoolConformanceTests
{
    private static readonly ActivationFunction[] Activations = [ActivationFunction.None, ActivationFunction.Relu, ActivationFunction.Relu6, ActivationFunction.ReluN1To1];

    [Theory]
    [InlineData(BuiltinOperator.AveragePool2D, TensorType.Int8)]
    [InlineData(BuiltinOperator.AveragePool2D, TensorType.UInt8)]
    [InlineData(BuiltinOperator.MaxPool2D, TensorType.Int8)]
    [InlineData(BuiltinOperator.MaxPool2D, TensorType.UInt8)]
    public void Pooling_matches_native(BuiltinOperator op, TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[1, 12], Gen.Int[1, 6], Gen.Int[1, 4], Gen.Int[1, 4], Gen.Int[1, 3], Gen.Bool)
            .Select(Gen.Int[0, 3], (t, act) => (t, act))
            .Sample(
                c =>
                {
                    var ((seed, h, w, channels, fh, fw, stride, same), act) = c;
                    if (!same && (fh > h || fw > w))
                    {
                        return;
                    }

                    var random = new Random(seed);
                    var q = SingleOpModels.Activation(random, type);
                    var outH = same ? (h + stride - 1) / stride : (h - fh + stride) / stride;
                    var outW = same ? (w + stride - 1) / stride : (w - fw + stride) / stride;
                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", type, [2, h, w, channels], q);
                    var y = b.AddTensor("y", type, [2, outH, outW, channels], q);
                    b.AddOperator(op, [x], [y], new Pool2DOptions(same ? Padding.Same : Padding.Valid, stride, stride, fw, fh, Activations[act]));
                    b.SetInputs(x);
                    b.SetOutputs(y);
                    NativeOracle.AssertSameAsNative(b, seed, $"{op} {type} {c}");
                },
                iter: Soak.Iterations(50),
                threads: 1);

    [Theory]
    [InlineData(BuiltinOperator.Mean)]
    [InlineData(BuiltinOperator.Sum)]
    [InlineData(BuiltinOperator.ReduceMax)]
    public void Reductions_match_native(BuiltinOperator op) =>
        Gen.Select(Gen.Int, Gen.Int[1, 6].Array[4], Gen.Int[1, 15], Gen.Bool, Gen.Int[0, 2])
            .Sample(
                c =>
                {
                    var (seed, shape, axisMask, keepDims, quantCase) = c;
                    var random = new Random(seed);
                    var axes = Enumerable.Range(0, 4).Where(i => ((axisMask >> i) & 1) == 1).ToArray();
                    if (op == BuiltinOperator.Mean && quantCase == 0)
                    {
                        // The global-average-pooling form MobileNets use.
                        axes = [1, 2];
                        keepDims = true;
                    }

                    var inQ = SingleOpModels.Activation(random, TensorType.Int8);
                    var outQ = quantCase == 1 || op == BuiltinOperator.ReduceMax ? inQ : SingleOpModels.Activation(random, TensorType.Int8);
                    var outShape = keepDims
                        ? shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
                        : shape.Where((_, i) => !axes.Contains(i)).ToArray();
                    var b = new ModelBuilder();
                    var x = b.AddTensor("x", TensorType.Int8, shape, inQ);
                    var axis = b.AddConstant<int>("axis", TensorType.Int32, [axes.Length], axes);
                    var y = b.AddTensor("y", TensorType.Int8, outShape, outQ);
                    b.AddOperator(op, [x, axis], [y], new ReducerOptions(keepDims));
                    b.SetInputs(x);
                    b.SetOutputs(y);
                    NativeOracle.AssertSameAsNative(b, seed, $"{op} [{string.Join(',', shape)}] axes [{string.Join(',', axes)}] keep={keepDims} in={inQ} out={outQ}");
                },
                iter: Soak.Iterations(60),
                threads: 1);

    [Fact]
    public void Pad_reshape_squeeze_expand_transpose_concat_match_native() =>
        Gen.Select(Gen.Int, Gen.Int[1, 5].Array[4], Gen.Int[0, 3].Array[8], Gen.Int[0, 3], Gen.Int[0, 23]).Sample(
            c =>
            {
                var (seed, shape, paddings, axis, permIndex) = c;
                var random = new Random(seed);
                var type = random.Next(2) == 0 ? TensorType.Int8 : TensorType.UInt8;
                var q = SingleOpModels.Activation(random, type);
                var b = new ModelBuilder();
                var x = b.AddTensor("x", type, shape, q);

                var padded = shape.Select((d, i) => d + paddings[2 * i] + paddings[(2 * i) + 1]).ToArray();
                var padOut = b.AddTensor("padded", type, padded, q);
                b.AddOperator(BuiltinOperator.Pad, [x, b.AddConstant<int>("paddings", TensorType.Int32, [4, 2], paddings)], [padOut], new PadOptions());

                var flat = b.AddTensor("flat", type, [1, padded.Aggregate(1, (p, d) => p * d)], q);
                b.AddOperator(BuiltinOperator.Reshape, [padOut, b.AddConstant<int>("shape", TensorType.Int32, [2], new[] { 1, -1 })], [flat], new ReshapeOptions([1, -1]));
                var squeezed = b.AddTensor("squeezed", type, [padded.Aggregate(1, (p, d) => p * d)], q);
                b.AddOperator(BuiltinOperator.Squeeze, [flat], [squeezed], new SqueezeOptions([0]));
                var expanded = b.AddTensor("expanded", type, [padded.Aggregate(1, (p, d) => p * d), 1], q);
                b.AddOperator(BuiltinOperator.ExpandDims, [squeezed, b.AddConstant<int>("dim", TensorType.Int32, [1], new[] { 1 })], [expanded], new ExpandDimsOptions());

                var perms = Permutations([0, 1, 2, 3]).ToArray();
                var perm = perms[permIndex];
                var transposed = b.AddTensor("transposed", type, perm.Select(p => shape[p]).ToArray(), q);
                b.AddOperator(BuiltinOperator.Transpose, [x, b.AddConstant<int>("perm", TensorType.Int32, [4], perm)], [transposed], new TransposeOptions());

                var other = shape.ToArray();
                other[axis] = random.Next(1, 4);
                var z = b.AddTensor("z", type, other, q);
                var concatShape = shape.ToArray();
                concatShape[axis] += other[axis];
                var concat = b.AddTensor("concat", type, concatShape, q);
                b.AddOperator(BuiltinOperator.Concatenation, [x, z], [concat], new ConcatenationOptions(axis - 4));

                b.SetInputs(x, z);
                b.SetOutputs(expanded, transposed, concat);
                NativeOracle.AssertSameAsNative(b, seed, $"shape ops {type} [{string.Join(',', shape)}] pad [{string.Join(',', paddings)}] perm [{string.Join(',', perm)}] axis {axis}");
            },
            iter: Soak.Iterations(50),
            threads: 1);

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany(item => Permutations([.. items.Where(i => i != item)]).Select(rest => (int[])[item, .. rest]));
}
