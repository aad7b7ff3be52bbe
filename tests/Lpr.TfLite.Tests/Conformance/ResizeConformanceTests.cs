using CsCheck;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class ResizeConformanceTests
{
    [Theory]
    [InlineData(BuiltinOperator.ResizeNearestNeighbor, TensorType.Int8)]
    [InlineData(BuiltinOperator.ResizeNearestNeighbor, TensorType.UInt8)]
    [InlineData(BuiltinOperator.ResizeBilinear, TensorType.Int8)]
    [InlineData(BuiltinOperator.ResizeBilinear, TensorType.UInt8)]
    public void Resize_matches_native(BuiltinOperator op, TensorType type) =>
        Gen.Select(Gen.Int, Gen.Int[1, 9].Array[4], Gen.Int[0, 2]).Sample(
            c =>
            {
                var (seed, dims, mode) = c;
                var (h, w, outH, outW) = (dims[0], dims[1], dims[2] * 2, dims[3] + 1);
                // TFLite 2.2 has neither align_corners nor half-pixel nearest neighbour (operator version 3).
                var alignCorners = mode == 1 && op == BuiltinOperator.ResizeBilinear;
                var halfPixel = mode == 2 && op == BuiltinOperator.ResizeBilinear;
                var random = new Random(seed);
                var q = SingleOpModels.Activation(random, type);
                var b = new ModelBuilder();
                var x = b.AddTensor("x", type, [1, h, w, 3], q);
                var size = b.AddConstant<int>("size", TensorType.Int32, [2], new[] { outH, outW });
                var y = b.AddTensor("y", type, [1, outH, outW, 3], q);
                OperatorOptions options = op == BuiltinOperator.ResizeBilinear
                    ? new ResizeBilinearOptions(alignCorners, halfPixel)
                    : new ResizeNearestNeighborOptions(alignCorners, halfPixel);
                b.AddOperator(op, [x, size], [y], options);
                b.SetInputs(x);
                b.SetOutputs(y);
                NativeOracle.AssertSameAsNative(b, seed, $"{op} {type} {h}x{w} -> {outH}x{outW} align={alignCorners} half={halfPixel}");
            },
            iter: Soak.Iterations(40),
            threads: 1);
}
