using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Kernels;

/// <summary>Small cases worked out by hand (unit scales, so the quantized arithmetic is plain integer arithmetic).</summary>
public sealed class HandComputedKernelTests
{
    private static readonly QuantizationParameters Unit = QuantizationParameters.PerTensor(1f, 0);

    private static sbyte[] Run(ModelBuilder b, bool simd, params sbyte[][] inputs)
    {
        using var interpreter = new ManagedInterpreter(b.Build(), new ManagedInterpreterOptions { UseSimd = simd });
        for (var i = 0; i < inputs.Length; i++)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs[i].AsSpan()).CopyTo(interpreter.GetInputBuffer(i));
        }

        interpreter.Invoke();
        return [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(interpreter.GetOutputBuffer(0))];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv2D_valid_with_bias_and_relu6(bool simd)
    {
        // [[1,2,3],[4,5,6],[7,8,9]] * [[2,1],[0,-1]] + 1 = [[0,2],[6,8]], ReLU6 -> [[0,2],[6,6]].
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 3, 3, 1], Unit);
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [1, 2, 2, 1], new sbyte[] { 2, 1, 0, -1 }, QuantizationParameters.PerChannel([1f], 0));
        var bias = b.AddConstant<int>("b", TensorType.Int32, [1], new[] { 1 }, Unit);
        var y = b.AddTensor("y", TensorType.Int8, [1, 2, 2, 1], Unit);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(Padding.Valid, 1, 1, ActivationFunction.Relu6));
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal([0, 2, 6, 6], Run(b, simd, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv2D_same_padding_skips_outside_taps_even_with_input_zero_point(bool simd)
    {
        // Input zero point 5: padded taps must contribute nothing (not -5 * weight).
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 1, 2, 1], QuantizationParameters.PerTensor(1f, 5));
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [1, 1, 3, 1], new sbyte[] { 1, 1, 1 }, QuantizationParameters.PerChannel([1f], 0));
        var bias = b.AddConstant<int>("b", TensorType.Int32, [1], new[] { 0 }, Unit);
        var y = b.AddTensor("y", TensorType.Int8, [1, 1, 2, 1], Unit);
        b.AddOperator(BuiltinOperator.Conv2D, [x, w, bias], [y], new Conv2DOptions(Padding.Same, 1, 1));
        b.SetInputs(x);
        b.SetOutputs(y);
        // (7-5) + (9-5) = 6 at both positions.
        Assert.Equal([6, 6], Run(b, simd, [7, 9]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DepthwiseConv2D_depth_multiplier_two(bool simd)
    {
        // One input channel [1, 2] (1x2 image), filter 1x1 with multipliers [3, -1]: outputs [3,-1, 6,-2].
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 1, 2, 1], Unit);
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [1, 1, 1, 2], new sbyte[] { 3, -1 }, QuantizationParameters.PerChannel([1f, 1f], 3));
        var bias = b.AddConstant<int>("b", TensorType.Int32, [2], new[] { 0, 0 }, QuantizationParameters.PerChannel([1f, 1f], 0));
        var y = b.AddTensor("y", TensorType.Int8, [1, 1, 2, 2], Unit);
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [x, w, bias], [y], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 2));
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal([3, -1, 6, -2], Run(b, simd, [1, 2]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FullyConnected_with_offsets(bool simd)
    {
        // Input zero point 1: x = [2, 3] -> [1, 2]; rows [1, 1] and [2, -1] -> [3, 0], bias [0, 4] -> [3, 4].
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 2], QuantizationParameters.PerTensor(1f, 1));
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [2, 2], new sbyte[] { 1, 1, 2, -1 }, Unit);
        var bias = b.AddConstant<int>("b", TensorType.Int32, [2], new[] { 0, 4 }, Unit);
        var y = b.AddTensor("y", TensorType.Int8, [1, 2], Unit);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, bias], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal([3, 4], Run(b, simd, [2, 3]));
    }

    [Fact]
    public void AveragePool_rounds_half_away_from_zero()
    {
        // Windows [1, 2] -> 1.5 -> 2 and [-1, -2] -> -1.5 -> -2.
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 1, 4, 1], Unit);
        var y = b.AddTensor("y", TensorType.Int8, [1, 1, 2, 1], Unit);
        b.AddOperator(BuiltinOperator.AveragePool2D, [x], [y], new Pool2DOptions(Padding.Valid, 2, 1, 2, 1));
        b.SetInputs(x);
        b.SetOutputs(y);
        Assert.Equal([2, -2], Run(b, false, [1, 2, -1, -2]));
    }
}
