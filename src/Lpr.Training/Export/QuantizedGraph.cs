using Lpr.TfLite.Model;

namespace Lpr.Training.Export;

/// <summary>
/// Writes folded float layers as a fully int8 TFLite graph with our writer: a uint8 image input
/// (pixels 0..255) quantized to int8, CONV_2D / DEPTHWISE_CONV_2D with per-channel symmetric
/// weights, int32 biases and fused ReLU6, ADD for residuals, RESHAPE, and int8 activations whose
/// per-tensor parameters come from the calibrated <see cref="ActivationRanges"/> (tensors are named
/// as the float network observed them). The exporters of each network compose their graphs from it.
/// </summary>
internal sealed class QuantizedGraph(ActivationRanges ranges, string description)
{
    private readonly Dictionary<int, (float Scale, int ZeroPoint)> quant = [];

    public ModelBuilder Builder { get; } = new() { Description = description };

    /// <summary>Quantization of an int8 tensor made here.</summary>
    public (float Scale, int ZeroPoint) QuantizationOf(int tensor) => quant[tensor];

    /// <summary>The graph input <c>image</c> [1,H,W,1] uint8 (scale 1/255) and its QUANTIZE to int8 <c>image_int8</c>.</summary>
    public (int Input, int Quantized) ImageInput(int height, int width)
    {
        var input = Builder.AddTensor("image", TensorType.UInt8, [1, height, width, 1], QuantizationParameters.PerTensor(1f / 255f, 0));
        var x = Activation("image_int8", [1, height, width, 1], 1f / 255f, -128);
        Builder.AddOperator(BuiltinOperator.Quantize, [input], [x]);
        return (input, x);
    }

    /// <summary>A bottleneck block: its convolutions, then an ADD of its input when it is residual.</summary>
    public int Block(FoldedBlock block, int input, ref int h, ref int w)
    {
        ArgumentNullException.ThrowIfNull(block);
        var x = input;
        foreach (var layer in block.Layers)
        {
            x = Convolution(layer, x, ref h, ref w);
        }

        if (block.Residual)
        {
            var sum = Activation(block.Layers[^1].Name + ".add", [1, h, w, block.Layers[^1].OutChannels]);
            Builder.AddOperator(BuiltinOperator.Add, [x, input], [sum], new AddOptions());
            x = sum;
        }

        return x;
    }

    /// <summary>CONV_2D or DEPTHWISE_CONV_2D ("SAME" padding) into the activation named after the layer; updates the map size.</summary>
    public int Convolution(FoldedConv conv, int input, ref int h, ref int w)
    {
        ArgumentNullException.ThrowIfNull(conv);
        h /= conv.Stride;
        w /= conv.Stride;
        var inputScale = quant[input].Scale;
        var (values, scales) = Int8Quantization.PerChannelWeights(conv.Weight, conv.OutChannels);
        var bias = Builder.AddConstant<int>(conv.Name + ".bias", TensorType.Int32, [conv.OutChannels], Int8Quantization.Bias(conv.Bias, inputScale, scales),
            QuantizationParameters.PerChannel(scales.Select(s => s * inputScale), 0));
        var output = Activation(conv.Name, [1, h, w, conv.OutChannels]);
        var activation = conv.Relu6 ? ActivationFunction.Relu6 : ActivationFunction.None;
        var k = conv.KernelSize;
        if (conv.IsDepthwise)
        {
            // TFLite depthwise filter layout [1, K, K, C]; quantized along the channel dimension 3.
            var filter = new sbyte[values.Length];
            for (var c = 0; c < conv.OutChannels; c++)
            {
                for (var i = 0; i < k * k; i++)
                {
                    filter[(i * conv.OutChannels) + c] = values[(c * k * k) + i];
                }
            }

            var weights = Builder.AddConstant<sbyte>(conv.Name + ".weights", TensorType.Int8, [1, k, k, conv.OutChannels], filter, QuantizationParameters.PerChannel(scales, 3));
            Builder.AddOperator(BuiltinOperator.DepthwiseConv2D, [input, weights, bias], [output], new DepthwiseConv2DOptions(Padding.Same, conv.Stride, conv.Stride, 1, activation));
        }
        else
        {
            // TFLite filter layout [O, K, K, I] (PyTorch has [O, I, K, K]).
            var inChannels = conv.InChannels;
            var filter = new sbyte[values.Length];
            for (var o = 0; o < conv.OutChannels; o++)
            {
                for (var i = 0; i < inChannels; i++)
                {
                    for (var p = 0; p < k * k; p++)
                    {
                        filter[(((o * k * k) + p) * inChannels) + i] = values[(((o * inChannels) + i) * k * k) + p];
                    }
                }
            }

            var weights = Builder.AddConstant<sbyte>(conv.Name + ".weights", TensorType.Int8, [conv.OutChannels, k, k, inChannels], filter, QuantizationParameters.PerChannel(scales, 0));
            Builder.AddOperator(BuiltinOperator.Conv2D, [input, weights, bias], [output], new Conv2DOptions(Padding.Same, conv.Stride, conv.Stride, activation));
        }

        return output;
    }

    /// <summary>RESHAPE keeping the input's quantization.</summary>
    public int Reshape(int input, string name, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var shapeTensor = Builder.AddConstant<int>(name + ".shape", TensorType.Int32, [shape.Length], shape);
        var output = Activation(name, shape, quant[input]);
        Builder.AddOperator(BuiltinOperator.Reshape, [input, shapeTensor], [output], new ReshapeOptions([.. shape]));
        return output;
    }

    /// <summary>An int8 activation tensor quantized from its calibrated range.</summary>
    public int Activation(string name, int[] shape)
    {
        var (min, max) = ranges[name];
        return Activation(name, shape, Int8Quantization.ForActivation(min, max));
    }

    public int Activation(string name, int[] shape, (float Scale, int ZeroPoint) q) => Activation(name, shape, q.Scale, q.ZeroPoint);

    public int Activation(string name, int[] shape, float scale, int zeroPoint)
    {
        var index = Builder.AddTensor(name, TensorType.Int8, shape, QuantizationParameters.PerTensor(scale, zeroPoint));
        quant[index] = (scale, zeroPoint);
        return index;
    }
}
