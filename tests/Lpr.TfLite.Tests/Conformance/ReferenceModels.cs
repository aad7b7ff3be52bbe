using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>
/// Whole int8 graphs built in code with random weights, shaped like the networks the runtime must run:
/// a MobileNet-style classifier (conv stem, depthwise-separable blocks with ReLU6, a residual ADD, an
/// HARD_SWISH, a squeeze-excite gate with LOGISTIC and MUL, global MEAN, FC classifier, SOFTMAX) and a
/// 64x128 plate recognizer with a CTC head ([1, 32, 68] probabilities). Shared with the benchmarks.
/// </summary>
internal sealed class ReferenceModels
{
    private readonly ModelBuilder b = new();
    private readonly Random random;
    private int counter;

    private ReferenceModels(int seed)
    {
        random = new Random(seed);
    }

    /// <summary>Multiply-accumulates of the graph's conv/depthwise/FC layers (2 FLOPs each).</summary>
    public long Macs { get; private set; }

    public static (byte[] Model, long Macs) MobileNetStyle(int seed)
    {
        var g = new ReferenceModels(seed);
        var x = g.Tensor([1, 48, 48, 3], 0.02f, -5);
        var input = x;
        x = g.Conv(x, 16, 3, 2, ActivationFunction.Relu6);
        x = g.DepthwiseSeparable(x, 24, 1);
        x = g.DepthwiseSeparable(x, 32, 2);
        var shortcut = x;
        x = g.DepthwiseSeparable(x, 32, 1);
        x = g.Add(x, shortcut);
        x = g.HardSwish(x);
        x = g.SqueezeExcite(x);
        x = g.MaxPool(x);
        x = g.DepthwiseSeparable(x, 48, 2);
        x = g.Mean(x);
        var logits = g.FullyConnected(g.Reshape(x, [1, 48]), 10);
        var probabilities = g.Softmax(logits);
        g.b.SetInputs(input.Index);
        g.b.SetOutputs(probabilities.Index);
        return (g.b.ToBytes(), g.Macs);
    }

    /// <summary>The recognizer-shaped model of the benchmark: gray 64x128 in, [1, 32, 68] CTC probabilities out.</summary>
    public static (byte[] Model, long Macs) Recognizer(int seed)
    {
        var g = new ReferenceModels(seed);
        var x = g.Tensor([1, 64, 128, 1], 1f / 255, -128);
        var input = x;
        x = g.Conv(x, 16, 3, 2, ActivationFunction.Relu6); // 32x64
        x = g.DepthwiseSeparable(x, 32, 1);
        x = g.DepthwiseSeparable(x, 64, 2); // 16x32
        var shortcut = x;
        x = g.DepthwiseSeparable(x, 64, 1);
        x = g.Add(x, shortcut);
        x = g.DepthwiseSeparable(x, 96, 2, strideW: 1); // 8x32
        x = g.AveragePool(x, 8, 1); // 1x32
        x = g.Conv(x, 68, 1, 1, ActivationFunction.None);
        var logits = g.Reshape(x, [1, 32, 68]);
        var probabilities = g.Softmax(logits);
        g.b.SetInputs(input.Index);
        g.b.SetOutputs(probabilities.Index);
        return (g.b.ToBytes(), g.Macs);
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Tensor(int[] shape, float scale, int zeroPoint)
    {
        var index = b.AddTensor($"t{counter++}", TensorType.Int8, shape, QuantizationParameters.PerTensor(scale, zeroPoint));
        return (index, shape, scale, zeroPoint);
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) NewActivation(int[] shape) =>
        Tensor(shape, (float)(0.02 + (random.NextDouble() * 0.04)), random.Next(-20, 21));

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Conv((int Index, int[] Shape, float Scale, int ZeroPoint) x, int outC, int k, int stride, ActivationFunction act, int strideW = 0)
    {
        strideW = strideW == 0 ? stride : strideW;
        var (n, h, w, inC) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var outH = (h + stride - 1) / stride;
        var outW = (w + strideW - 1) / strideW;
        var scales = Enumerable.Range(0, outC).Select(_ => (float)(0.5 / Math.Sqrt(k * k * inC) / 64 * (0.5 + random.NextDouble()))).ToArray();
        var weights = SingleOpModels.SymmetricInt8(random, outC * k * k * inC);
        var filter = b.AddTensor($"w{counter++}", TensorType.Int8, [outC, k, k, inC], QuantizationParameters.PerChannel(scales, 0), weights);
        var bias = SingleOpModels.AddBias(b, random, outC, x.Scale, scales);
        var y = NewActivation([n, outH, outW, outC]);
        b.AddOperator(BuiltinOperator.Conv2D, [x.Index, filter, bias], [y.Index], new Conv2DOptions(Padding.Same, strideW, stride, act));
        Macs += (long)outH * outW * outC * k * k * inC;
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) DepthwiseSeparable((int Index, int[] Shape, float Scale, int ZeroPoint) x, int outC, int stride, int strideW = 0)
    {
        strideW = strideW == 0 ? stride : strideW;
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var outH = (h + stride - 1) / stride;
        var outW = (w + strideW - 1) / strideW;
        var scales = Enumerable.Range(0, c).Select(_ => (float)(0.5 / 3 / 64 * (0.5 + random.NextDouble()))).ToArray();
        var filter = b.AddTensor($"dw{counter++}", TensorType.Int8, [1, 3, 3, c], QuantizationParameters.PerChannel(scales, 3), SingleOpModels.SymmetricInt8(random, 9 * c));
        var bias = SingleOpModels.AddBias(b, random, c, x.Scale, scales);
        var y = NewActivation([n, outH, outW, c]);
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [x.Index, filter, bias], [y.Index], new DepthwiseConv2DOptions(Padding.Same, strideW, stride, 1, ActivationFunction.Relu6));
        Macs += (long)outH * outW * c * 9;
        return Conv(y, outC, 1, 1, ActivationFunction.Relu6);
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Add((int Index, int[] Shape, float Scale, int ZeroPoint) a, (int Index, int[] Shape, float Scale, int ZeroPoint) c)
    {
        var y = NewActivation(a.Shape);
        b.AddOperator(BuiltinOperator.Add, [a.Index, c.Index], [y.Index], new AddOptions());
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) HardSwish((int Index, int[] Shape, float Scale, int ZeroPoint) x)
    {
        var y = NewActivation(x.Shape);
        b.AddOperator(BuiltinOperator.HardSwish, [x.Index], [y.Index]);
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) SqueezeExcite((int Index, int[] Shape, float Scale, int ZeroPoint) x)
    {
        var c = x.Shape[3];
        var pooled = Mean(x);
        var squeezed = Conv(pooled, c / 4, 1, 1, ActivationFunction.Relu);
        var expanded = Conv(squeezed, c, 1, 1, ActivationFunction.None);
        var gate = Tensor(expanded.Shape, 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Logistic, [expanded.Index], [gate.Index]);
        var y = NewActivation(x.Shape);
        b.AddOperator(BuiltinOperator.Mul, [x.Index, gate.Index], [y.Index], new MulOptions());
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) MaxPool((int Index, int[] Shape, float Scale, int ZeroPoint) x)
    {
        var shape = new[] { x.Shape[0], (x.Shape[1] + 1) / 2, (x.Shape[2] + 1) / 2, x.Shape[3] };
        var y = Tensor(shape, x.Scale, x.ZeroPoint);
        b.AddOperator(BuiltinOperator.MaxPool2D, [x.Index], [y.Index], new Pool2DOptions(Padding.Same, 2, 2, 2, 2));
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) AveragePool((int Index, int[] Shape, float Scale, int ZeroPoint) x, int filterH, int filterW)
    {
        var shape = new[] { x.Shape[0], x.Shape[1] / filterH, x.Shape[2] / filterW, x.Shape[3] };
        var y = Tensor(shape, x.Scale, x.ZeroPoint);
        b.AddOperator(BuiltinOperator.AveragePool2D, [x.Index], [y.Index], new Pool2DOptions(Padding.Valid, filterW, filterH, filterW, filterH));
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Mean((int Index, int[] Shape, float Scale, int ZeroPoint) x)
    {
        var axes = b.AddConstant<int>($"axes{counter++}", TensorType.Int32, [2], new[] { 1, 2 });
        var y = NewActivation([x.Shape[0], 1, 1, x.Shape[3]]);
        b.AddOperator(BuiltinOperator.Mean, [x.Index, axes], [y.Index], new ReducerOptions(KeepDims: true));
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Reshape((int Index, int[] Shape, float Scale, int ZeroPoint) x, int[] shape)
    {
        var newShape = b.AddConstant<int>($"shape{counter++}", TensorType.Int32, [shape.Length], shape);
        var y = Tensor(shape, x.Scale, x.ZeroPoint);
        b.AddOperator(BuiltinOperator.Reshape, [x.Index, newShape], [y.Index], new ReshapeOptions([.. shape]));
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) FullyConnected((int Index, int[] Shape, float Scale, int ZeroPoint) x, int units)
    {
        var depth = x.Shape[^1];
        var scale = (float)(0.5 / Math.Sqrt(depth) / 64);
        var filter = b.AddTensor($"fc{counter++}", TensorType.Int8, [units, depth], QuantizationParameters.PerTensor(scale, 0), SingleOpModels.SymmetricInt8(random, units * depth));
        var bias = SingleOpModels.AddBias(b, random, units, x.Scale, [scale]);
        var y = NewActivation([x.Shape[0], units]);
        b.AddOperator(BuiltinOperator.FullyConnected, [x.Index, filter, bias], [y.Index], new FullyConnectedOptions());
        Macs += (long)units * depth;
        return y;
    }

    private (int Index, int[] Shape, float Scale, int ZeroPoint) Softmax((int Index, int[] Shape, float Scale, int ZeroPoint) x)
    {
        var y = Tensor(x.Shape, 1f / 256, -128);
        b.AddOperator(BuiltinOperator.Softmax, [x.Index], [y.Index], new SoftmaxOptions(1f));
        return y;
    }
}
