using Lpr.TfLite.Model;

namespace Lpr.Training.Export;

/// <summary>
/// Writes the folded, calibrated recognizer as a fully int8 .tflite with our writer: uint8 input
/// [1,H,W,1] (pixels 0..255), QUANTIZE to int8, CONV_2D / DEPTHWISE_CONV_2D with fused ReLU6 and
/// per-channel weights, ADD for residuals, then the attention head without BATCH_MATMUL:
/// 1x1 CONV → RESHAPE → TRANSPOSE → SOFTMAX (last axis) → MUL with broadcast against the features
/// → MEAN over positions → 1x1 CONV classifier → int8 logits [1, Slots, Classes]. Every op is one the
/// Edge TPU compiler maps.
/// </summary>
public sealed class TfLiteExporter
{
    private readonly FoldedRecognizer network;
    private readonly ActivationRanges ranges;
    private readonly ModelBuilder builder = new() { Description = "Lpr Korean plate recognizer (int8)" };
    private readonly Dictionary<int, (float Scale, int ZeroPoint)> quant = [];

    private TfLiteExporter(FoldedRecognizer network, ActivationRanges ranges)
    {
        this.network = network;
        this.ranges = ranges;
    }

    /// <summary>Builds the model; the returned bytes are a complete .tflite file.</summary>
    public static byte[] Export(FoldedRecognizer network, ActivationRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(ranges);
        return new TfLiteExporter(network, ranges).Build();
    }

    private byte[] Build()
    {
        var arch = network.Architecture;
        var (h, w) = (arch.InputHeight, arch.InputWidth);
        var input = builder.AddTensor("image", TensorType.UInt8, [1, h, w, 1], QuantizationParameters.PerTensor(1f / 255f, 0));
        var x = Activation("image_int8", [1, h, w, 1], 1f / 255f, -128);
        builder.AddOperator(BuiltinOperator.Quantize, [input], [x]);

        x = Convolution(network.Stem, x, ref h, ref w);
        foreach (var block in network.Blocks)
        {
            var blockInput = x;
            foreach (var layer in block.Layers)
            {
                x = Convolution(layer, x, ref h, ref w);
            }

            if (block.Residual)
            {
                var sum = Activation(block.Layers[^1].Name + ".add", [1, h, w, block.Layers[^1].OutChannels]);
                builder.AddOperator(BuiltinOperator.Add, [x, blockInput], [sum], new AddOptions());
                x = sum;
            }
        }

        var features = Convolution(network.Head, x, ref h, ref w);
        var (positions, slots, channels, classes) = (h * w, arch.Slots, arch.FeatureChannels, arch.Classes);

        var attention = Convolution(network.Attention, features, ref h, ref w);        // [1,h,w,T]
        var attentionRows = Reshape(attention, "attention.rows", [1, positions, slots]);
        var perm = builder.AddConstant<int>("attention.perm", TensorType.Int32, [3], [0, 2, 1]);
        var attentionBySlot = Activation("attention.by_slot", [1, slots, positions], quant[attentionRows]);
        builder.AddOperator(BuiltinOperator.Transpose, [attentionRows, perm], [attentionBySlot], new TransposeOptions());
        // int8 SOFTMAX output is fixed by the spec: scale 1/256, zero point -128.
        var masks = Activation("attention.softmax", [1, slots, positions], 1f / 256f, -128);
        builder.AddOperator(BuiltinOperator.Softmax, [attentionBySlot], [masks], new SoftmaxOptions(1f));

        var masks4 = Reshape(masks, "attention.masks", [1, slots, positions, 1]);
        var features4 = Reshape(features, "features.rows", [1, 1, positions, channels]);
        var product = Activation("pool.mul", [1, slots, positions, channels]);
        builder.AddOperator(BuiltinOperator.Mul, [masks4, features4], [product], new MulOptions());
        var axis = builder.AddConstant<int>("pool.axis", TensorType.Int32, [1], [2]);
        var pooled = Activation("pool.mean", [1, slots, channels]);
        builder.AddOperator(BuiltinOperator.Mean, [product, axis], [pooled], new ReducerOptions(KeepDims: false));

        var pooled4 = Reshape(pooled, "pool.slots", [1, 1, slots, channels]);
        // The float graph pools with a weighted sum (softmax weights add to 1); MEAN divides by the
        // number of positions, so the classifier's weights carry that factor back.
        var classifier = network.Classifier with { Weight = [.. network.Classifier.Weight.Select(v => v * positions)], Name = "logits" };
        var (one, rows) = (1, slots);
        var logits4 = Convolution(classifier, pooled4, ref one, ref rows);
        var logits = Reshape(logits4, "logits.slots", [1, slots, classes]);

        builder.SetInputs(input);
        builder.SetOutputs(logits);
        return builder.ToBytes();
    }

    private int Convolution(FoldedConv conv, int input, ref int h, ref int w)
    {
        h /= conv.Stride;
        w /= conv.Stride;
        var inputScale = quant[input].Scale;
        var (values, scales) = Int8Quantization.PerChannelWeights(conv.Weight, conv.OutChannels);
        var bias = builder.AddConstant<int>(conv.Name + ".bias", TensorType.Int32, [conv.OutChannels], Int8Quantization.Bias(conv.Bias, inputScale, scales),
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

            var weights = builder.AddConstant<sbyte>(conv.Name + ".weights", TensorType.Int8, [1, k, k, conv.OutChannels], filter, QuantizationParameters.PerChannel(scales, 3));
            builder.AddOperator(BuiltinOperator.DepthwiseConv2D, [input, weights, bias], [output], new DepthwiseConv2DOptions(Padding.Same, conv.Stride, conv.Stride, 1, activation));
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

            var weights = builder.AddConstant<sbyte>(conv.Name + ".weights", TensorType.Int8, [conv.OutChannels, k, k, inChannels], filter, QuantizationParameters.PerChannel(scales, 0));
            builder.AddOperator(BuiltinOperator.Conv2D, [input, weights, bias], [output], new Conv2DOptions(Padding.Same, conv.Stride, conv.Stride, activation));
        }

        return output;
    }

    private int Reshape(int input, string name, int[] shape)
    {
        var shapeTensor = builder.AddConstant<int>(name + ".shape", TensorType.Int32, [shape.Length], shape);
        var output = Activation(name, shape, quant[input]);
        builder.AddOperator(BuiltinOperator.Reshape, [input, shapeTensor], [output], new ReshapeOptions([.. shape]));
        return output;
    }

    /// <summary>An int8 activation tensor quantized from its calibrated range.</summary>
    private int Activation(string name, int[] shape)
    {
        var (min, max) = ranges[name];
        return Activation(name, shape, Int8Quantization.ForActivation(min, max));
    }

    private int Activation(string name, int[] shape, (float Scale, int ZeroPoint) q) => Activation(name, shape, q.Scale, q.ZeroPoint);

    private int Activation(string name, int[] shape, float scale, int zeroPoint)
    {
        var index = builder.AddTensor(name, TensorType.Int8, shape, QuantizationParameters.PerTensor(scale, zeroPoint));
        quant[index] = (scale, zeroPoint);
        return index;
    }
}
