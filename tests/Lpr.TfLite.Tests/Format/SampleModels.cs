using System.Runtime.InteropServices;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

/// <summary>Models built in code for the format, native and inspection tests (deterministic per seed).</summary>
internal static class SampleModels
{
    /// <summary>
    /// A small int8 CTC recognizer shaped like ours: [1,16,32,1] image → CONV_2D (per-channel, ReLU6, stride 2)
    /// → DEPTHWISE_CONV_2D → CONV_2D 1x1 → ADD (residual) → AVERAGE_POOL_2D over height → RESHAPE [16,16]
    /// → FULLY_CONNECTED [16,10] → SOFTMAX. 8 operators, per-channel weights, int32 biases.
    /// </summary>
    public static ModelBuilder SmallCtcRecognizer(int seed = 1)
    {
        var random = new Random(seed);
        var b = new ModelBuilder { Description = "sample CTC recognizer" };
        var input = b.AddTensor("image", TensorType.Int8, [1, 16, 32, 1], QuantizationParameters.PerTensor(1f / 255, -128));

        var c1 = AddConv(b, random, "conv1", input, 1f / 255, inChannels: 1, outChannels: 8, kernel: 3, stride: 2, [1, 8, 16, 8], ActivationFunction.Relu6, outScale: 6f / 255, outZero: -128);
        var dw = AddDepthwise(b, random, "dw", c1, 6f / 255, channels: 8, [1, 8, 16, 8], outScale: 0.05f, outZero: 0);
        var c2 = AddConv(b, random, "conv2", dw, 0.05f, inChannels: 8, outChannels: 8, kernel: 1, stride: 1, [1, 8, 16, 8], ActivationFunction.None, outScale: 0.05f, outZero: 0);
        var sum = b.AddTensor("residual", TensorType.Int8, [1, 8, 16, 8], QuantizationParameters.PerTensor(0.08f, 0));
        b.AddOperator(BuiltinOperator.Add, [c2, dw], [sum], new AddOptions(ActivationFunction.Relu));

        var pooled = b.AddTensor("pool", TensorType.Int8, [1, 1, 16, 8], QuantizationParameters.PerTensor(0.08f, 0));
        b.AddOperator(BuiltinOperator.AveragePool2D, [sum], [pooled], new Pool2DOptions(Padding.Valid, 1, 8, 1, 8));

        var newShape = b.AddConstant<int>("shape", TensorType.Int32, [2], [16, 8]);
        var flat = b.AddTensor("sequence", TensorType.Int8, [16, 8], QuantizationParameters.PerTensor(0.08f, 0));
        b.AddOperator(BuiltinOperator.Reshape, [pooled, newShape], [flat], new ReshapeOptions([16, 8]));

        var weights = b.AddConstant<sbyte>("fc/weights", TensorType.Int8, [10, 8], RandomInt8(random, 80), QuantizationParameters.PerTensor(0.02f, 0));
        var bias = b.AddConstant<int>("fc/bias", TensorType.Int32, [10], RandomInt32(random, 10, 500), QuantizationParameters.PerTensor(0.08f * 0.02f, 0));
        var logits = b.AddTensor("logits", TensorType.Int8, [16, 10], QuantizationParameters.PerTensor(0.1f, 0));
        b.AddOperator(BuiltinOperator.FullyConnected, [flat, weights, bias], [logits], new FullyConnectedOptions());

        var probabilities = b.AddTensor("probabilities", TensorType.Int8, [16, 10], QuantizationParameters.PerTensor(1f / 256, -128));
        b.AddOperator(BuiltinOperator.Softmax, [logits], [probabilities], new SoftmaxOptions(1f));

        b.SetInputs(input);
        b.SetOutputs(probabilities);
        b.AddMetadata("min_runtime_version", "1.14.0"u8.ToArray());
        return b;
    }

    public static int AddConv(
        ModelBuilder b,
        Random random,
        string name,
        int input,
        float inScale,
        int inChannels,
        int outChannels,
        int kernel,
        int stride,
        int[] outShape,
        ActivationFunction activation,
        float outScale,
        int outZero)
    {
        var scales = Enumerable.Range(0, outChannels).Select(_ => 0.005f + (0.02f * random.NextSingle())).ToArray();
        var weights = b.AddConstant<sbyte>(name + "/weights", TensorType.Int8, [outChannels, kernel, kernel, inChannels], RandomInt8(random, outChannels * kernel * kernel * inChannels), QuantizationParameters.PerChannel(scales, 0));
        var bias = b.AddConstant<int>(name + "/bias", TensorType.Int32, [outChannels], RandomInt32(random, outChannels, 1000), QuantizationParameters.PerChannel(scales.Select(s => s * inScale), 0));
        var output = b.AddTensor(name, TensorType.Int8, outShape, QuantizationParameters.PerTensor(outScale, outZero));
        b.AddOperator(BuiltinOperator.Conv2D, [input, weights, bias], [output], new Conv2DOptions(Padding.Same, stride, stride, activation));
        return output;
    }

    public static int AddDepthwise(ModelBuilder b, Random random, string name, int input, float inScale, int channels, int[] outShape, float outScale, int outZero)
    {
        var scales = Enumerable.Range(0, channels).Select(_ => 0.005f + (0.02f * random.NextSingle())).ToArray();
        var weights = b.AddConstant<sbyte>(name + "/weights", TensorType.Int8, [1, 3, 3, channels], RandomInt8(random, 9 * channels), QuantizationParameters.PerChannel(scales, 3));
        var bias = b.AddConstant<int>(name + "/bias", TensorType.Int32, [channels], RandomInt32(random, channels, 1000), QuantizationParameters.PerChannel(scales.Select(s => s * inScale), 0));
        var output = b.AddTensor(name, TensorType.Int8, outShape, QuantizationParameters.PerTensor(outScale, outZero));
        b.AddOperator(BuiltinOperator.DepthwiseConv2D, [input, weights, bias], [output], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, ActivationFunction.Relu6));
        return output;
    }

    /// <summary>y = x·Wᵀ + b in float32, small enough to check by hand: x [1,3], W [2,3].</summary>
    public static ModelBuilder FloatDense(float[] weights, float[] bias)
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 3]);
        var w = b.AddConstant<float>("w", TensorType.Float32, [2, 3], weights);
        var bi = b.AddConstant<float>("b", TensorType.Float32, [2], bias);
        var y = b.AddTensor("y", TensorType.Float32, [1, 2]);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, bi], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        return b;
    }

    public static sbyte[] RandomInt8(Random random, int count)
    {
        var values = new sbyte[count];
        random.NextBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static int[] RandomInt32(Random random, int count, int magnitude) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(-magnitude, magnitude + 1))];
}
