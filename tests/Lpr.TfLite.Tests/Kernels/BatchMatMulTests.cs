using CsCheck;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Kernels;

/// <summary>
/// BATCH_MATMUL is newer than the TFLite 2.2 oracle, so it is checked against the defining formula
/// computed here in plain integer arithmetic, for both the reference and the SIMD kernels.
/// </summary>
public sealed class BatchMatMulTests
{
    [Fact]
    public void Hand_computed_two_by_two()
    {
        // x = [[1, 2], [3, 4]], y = [[5, 6], [7, 8]] with unit scales: x @ y = [[19, 22], [43, 50]].
        var q = QuantizationParameters.PerTensor(1f, 0);
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [2, 2], q);
        var y = b.AddTensor("y", TensorType.Int8, [2, 2], q);
        var z = b.AddTensor("z", TensorType.Int8, [2, 2], q);
        b.AddOperator(BuiltinOperator.BatchMatMul, [x, y], [z], new BatchMatMulOptions());
        b.SetInputs(x, y);
        b.SetOutputs(z);
        foreach (var simd in new[] { false, true })
        {
            using var interpreter = new ManagedInterpreter(b.Build(), new ManagedInterpreterOptions { UseSimd = simd });
            new byte[] { 1, 2, 3, 4 }.CopyTo(interpreter.GetInputBuffer(0));
            new byte[] { 5, 6, 7, 8 }.CopyTo(interpreter.GetInputBuffer(1));
            interpreter.Invoke();
            Assert.Equal([19, 22, 43, 50], interpreter.GetOutputBuffer(0).ToArray());
        }
    }

    [Fact]
    public void Matches_the_formula_with_adjoints_and_broadcast() =>
        Gen.Select(Gen.Int, Gen.Int[1, 6], Gen.Int[1, 40], Gen.Int[1, 9], Gen.Bool, Gen.Bool, Gen.Int[0, 2], Gen.Bool).Sample(
            c =>
            {
                var (seed, rows, depth, cols, adjX, adjY, broadcast, constantY) = c;
                var random = new Random(seed);
                var (batchX, batchY) = broadcast switch { 0 => (3, 3), 1 => (1, 3), _ => (3, 1) };
                var qx = QuantizationParameters.PerTensor(0.05f, random.Next(-10, 11));
                var qy = QuantizationParameters.PerTensor(0.04f, random.Next(-10, 11));
                var qz = QuantizationParameters.PerTensor(0.5f + (float)random.NextDouble(), random.Next(-10, 11));
                int[] shapeX = adjX ? [batchX, depth, rows] : [batchX, rows, depth];
                int[] shapeY = adjY ? [batchY, cols, depth] : [batchY, depth, cols];
                var dataX = new byte[batchX * rows * depth];
                var dataY = new byte[batchY * depth * cols];
                random.NextBytes(dataX);
                random.NextBytes(dataY);
                var b = new ModelBuilder();
                var x = b.AddTensor("x", TensorType.Int8, shapeX, qx);
                var y = constantY ? b.AddTensor("y", TensorType.Int8, shapeY, qy, dataY) : b.AddTensor("y", TensorType.Int8, shapeY, qy);
                var z = b.AddTensor("z", TensorType.Int8, [3, rows, cols], qz);
                b.AddOperator(BuiltinOperator.BatchMatMul, [x, y], [z], new BatchMatMulOptions(adjX, adjY));
                b.SetInputs(constantY ? [x] : [x, y]);
                b.SetOutputs(z);
                var model = b.Build();

                var (m, s) = QuantizedMath.QuantizeMultiplier((double)(qx.Scale[0] * qy.Scale[0]) / qz.Scale[0]);
                var expected = new byte[3 * rows * cols];
                for (var n = 0; n < 3; n++)
                {
                    for (var i = 0; i < rows; i++)
                    {
                        for (var j = 0; j < cols; j++)
                        {
                            var total = 0;
                            for (var k = 0; k < depth; k++)
                            {
                                var xv = (sbyte)dataX[((batchX == 1 ? 0 : n) * rows * depth) + (adjX ? (k * rows) + i : (i * depth) + k)] - (int)qx.ZeroPoint[0];
                                var yv = (sbyte)dataY[((batchY == 1 ? 0 : n) * depth * cols) + (adjY ? (j * depth) + k : (k * cols) + j)] - (int)qy.ZeroPoint[0];
                                total += xv * yv;
                            }

                            var value = QuantizedMath.MultiplyByQuantizedMultiplier(total, m, s) + (int)qz.ZeroPoint[0];
                            expected[(((n * rows) + i) * cols) + j] = unchecked((byte)(sbyte)Math.Clamp(value, -128, 127));
                        }
                    }
                }

                foreach (var simd in new[] { false, true })
                {
                    using var interpreter = new ManagedInterpreter(model, new ManagedInterpreterOptions { UseSimd = simd });
                    dataX.CopyTo(interpreter.GetInputBuffer(0));
                    if (!constantY)
                    {
                        dataY.CopyTo(interpreter.GetInputBuffer(1));
                    }

                    interpreter.Invoke();
                    interpreter.Invoke(); // the packed constant operand is reused
                    Assert.Equal(expected, interpreter.GetOutputBuffer(0).ToArray());
                }
            },
            iter: 60,
            threads: 1);
}
