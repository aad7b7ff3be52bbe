using CsCheck;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Kernels;

public sealed class SoftmaxTests
{
    [Fact]
    public void Table_and_fixed_point_formulations_agree_within_one_step() =>
        Gen.Select(Gen.Int, Gen.Int[1, 60], Gen.Bool).Sample(
            c =>
            {
                var (seed, depth, signed) = c;
                var random = new Random(seed);
                var type = signed ? TensorType.Int8 : TensorType.UInt8;
                var input = new KernelTensor(new TensorInfo(0, "x", type, [1, depth], quantization: QuantizationParameters.PerTensor(0.05f + (float)random.NextDouble() * 0.2f, signed ? 0 : 128)));
                var output = new KernelTensor(new TensorInfo(1, "y", type, [1, depth], quantization: QuantizationParameters.PerTensor(1f / 256, signed ? -128 : 0)));
                var op = new Operator(0, 0, [0], [1], new SoftmaxOptions(1f));
                var kernel = (Softmax)Softmax.Prepare(new KernelContext(op, new OperatorCode(BuiltinOperator.Softmax), [input, output]), KernelVariant.Reference);
                var storage = new byte[2 * depth];
                random.NextBytes(storage.AsSpan(0, depth));
                input.Bind(storage, 0);
                output.Bind(storage, depth);

                kernel.Eval();
                var table = storage.AsSpan(depth).ToArray();
                kernel.EvalFixedPoint();
                var fixedPoint = storage.AsSpan(depth).ToArray();
                for (var i = 0; i < depth; i++)
                {
                    int a = signed ? (sbyte)table[i] : table[i];
                    int b = signed ? (sbyte)fixedPoint[i] : fixedPoint[i];
                    Assert.InRange(a - b, -1, 1);
                }

                var total = table.Sum(v => (signed ? (sbyte)v + 128 : v) / 256.0);
                Assert.InRange(total, 1 - (depth / 256.0) - 0.01, 1 + (depth / 256.0) + 0.01);
            },
            iter: 200);
}
