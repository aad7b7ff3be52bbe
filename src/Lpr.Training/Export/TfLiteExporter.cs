using Lpr.TfLite.Model;

namespace Lpr.Training.Export;

/// <summary>
/// Writes the folded, calibrated recognizer as a fully int8 .tflite with our writer: uint8 input
/// [1,H,W,1] (pixels 0..255), QUANTIZE to int8, CONV_2D / DEPTHWISE_CONV_2D with fused ReLU6 and
/// per-channel weights, ADD for residuals (the shared <see cref="QuantizedGraph"/>), then the
/// attention head without BATCH_MATMUL: 1x1 CONV (→ ADD of the position bias, when the network has one) → SPLIT into the slots → per slot RESHAPE → 1-D
/// SOFTMAX → RESHAPE → CONCATENATION → MUL with broadcast against the features → MEAN over positions
/// → (1x1 CONV slot layer with ReLU6, when the network has one) → 1x1 CONV classifier → int8 logits [1, Slots, Classes]. Every op is one the Edge TPU compiler maps.
/// </summary>
public sealed class TfLiteExporter
{
    private readonly FoldedRecognizer network;
    private readonly QuantizedGraph graph;

    private TfLiteExporter(FoldedRecognizer network, ActivationRanges ranges)
    {
        this.network = network;
        graph = new QuantizedGraph(ranges, "Lpr Korean plate recognizer (int8)");
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
        var builder = graph.Builder;
        var (h, w) = (arch.InputHeight, arch.InputWidth);
        var (input, x) = graph.ImageInput(h, w);

        x = graph.Convolution(network.Stem, x, ref h, ref w);
        foreach (var block in network.Blocks)
        {
            x = graph.Block(block, x, ref h, ref w);
        }

        var features = graph.Convolution(network.Head, x, ref h, ref w);
        var (positions, slots, channels, classes) = (h * w, arch.Slots, arch.FeatureChannels, arch.Classes);

        var attention = graph.Convolution(network.Attention, features, ref h, ref w);        // [1,h,w,T]
        if (network.AttentionPosition is { } position)
        {
            attention = PositionedAttention(attention, position, h, w, slots);
        }

        var masks4 = AttentionMasks(attention, h, w, slots);                                   // [1,T,h*w,1]
        var features4 = graph.Reshape(features, "features.rows", [1, 1, positions, channels]);
        var product = graph.Activation("pool.mul", [1, slots, positions, channels]);
        builder.AddOperator(BuiltinOperator.Mul, [masks4, features4], [product], new MulOptions());
        var axis = builder.AddConstant<int>("pool.axis", TensorType.Int32, [1], [2]);
        var pooled = graph.Activation("pool.mean", [1, slots, channels]);
        builder.AddOperator(BuiltinOperator.Mean, [product, axis], [pooled], new ReducerOptions(KeepDims: false));

        var pooled4 = graph.Reshape(pooled, "pool.slots", [1, 1, slots, channels]);
        // The float graph pools with a weighted sum (softmax weights add to 1); MEAN divides by the
        // number of positions, so the weights of the layer that reads the pooled features carry that factor back.
        var (one, rows) = (1, slots);
        var slotFeatures = pooled4;
        var classifier = network.Classifier with { Name = "logits" };
        if (network.SlotLayer is { } slotLayer)
        {
            slotFeatures = graph.Convolution(slotLayer with { Weight = [.. slotLayer.Weight.Select(v => v * positions)] }, pooled4, ref one, ref rows);
        }
        else
        {
            classifier = classifier with { Weight = [.. classifier.Weight.Select(v => v * positions)] };
        }

        var logits4 = graph.Convolution(classifier, slotFeatures, ref one, ref rows);
        var logits = graph.Reshape(logits4, "logits.slots", [1, slots, classes]);

        builder.SetInputs(input);
        builder.SetOutputs(logits);
        return builder.ToBytes();
    }

    /// <summary>
    /// ADD of the learned position bias, a constant [1,h,w,T] in the convolution's layout (the float bias is
    /// [T, h·w], slot-major), to the attention convolution's output.
    /// </summary>
    private int PositionedAttention(int content, float[] position, int h, int w, int slots)
    {
        var positions = h * w;
        var layout = new float[position.Length];
        for (var t = 0; t < slots; t++)
        {
            for (var p = 0; p < positions; p++)
            {
                layout[(p * slots) + t] = position[(t * positions) + p];
            }
        }

        var (values, scale, zeroPoint) = Int8Quantization.PerTensorConstant(layout);
        var bias = graph.Builder.AddConstant<sbyte>("attention.position", TensorType.Int8, [1, h, w, slots], values, QuantizationParameters.PerTensor(scale, zeroPoint));
        var scores = graph.Activation(FoldedRecognizer.AttentionScores, [1, h, w, slots]);
        graph.Builder.AddOperator(BuiltinOperator.Add, [content, bias], [scores], new AddOptions());
        return scores;
    }

    /// <summary>
    /// The softmax of each slot's mask over the positions, with only 1-D SOFTMAX inputs (the Edge TPU maps
    /// no other): SPLIT the attention map [1,h,w,T] along its channels into T maps [1,h,w,1], RESHAPE each to
    /// [h*w], SOFTMAX it, RESHAPE it to [1,1,h*w,1] and CONCATENATE the slots along axis 1 to [1,T,h*w,1].
    /// int8 SOFTMAX normalizes each row on its own with a table that depends only on the input scale, and
    /// SPLIT, RESHAPE and CONCATENATION move bytes unchanged under one quantization, so the masks are
    /// byte-identical to one SOFTMAX over the transposed [1,T,h*w] map.
    /// </summary>
    private int AttentionMasks(int attention, int h, int w, int slots)
    {
        var builder = graph.Builder;
        var positions = h * w;
        var attentionQuant = graph.QuantizationOf(attention);
        var axis = builder.AddConstant<int>("attention.split.axis", TensorType.Int32, [], [3]);
        var maps = Enumerable.Range(0, slots).Select(t => graph.Activation($"attention.slot{t}", [1, h, w, 1], attentionQuant)).ToArray();
        builder.AddOperator(BuiltinOperator.Split, [axis, attention], maps, new SplitOptions(slots));
        var masks = new int[slots];
        for (var t = 0; t < slots; t++)
        {
            var scores = graph.Reshape(maps[t], $"attention.slot{t}.scores", [positions]);
            // int8 SOFTMAX output is fixed by the spec: scale 1/256, zero point -128.
            var mask = graph.Activation($"attention.slot{t}.softmax", [positions], 1f / 256f, -128);
            builder.AddOperator(BuiltinOperator.Softmax, [scores], [mask], new SoftmaxOptions(1f));
            masks[t] = graph.Reshape(mask, $"attention.slot{t}.mask", [1, 1, positions, 1]);
        }

        var masks4 = graph.Activation("attention.masks", [1, slots, positions, 1], 1f / 256f, -128);
        builder.AddOperator(BuiltinOperator.Concatenation, masks, [masks4], new ConcatenationOptions(1));
        return masks4;
    }
}
