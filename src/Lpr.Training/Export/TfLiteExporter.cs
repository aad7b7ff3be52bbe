using Lpr.TfLite.Model;

namespace Lpr.Training.Export;

/// <summary>
/// Writes the folded, calibrated recognizer as a fully int8 .tflite with our writer: uint8 input
/// [1,H,W,1] (pixels 0..255), QUANTIZE to int8, CONV_2D / DEPTHWISE_CONV_2D with fused ReLU6 and
/// per-channel weights, ADD for residuals (the shared <see cref="QuantizedGraph"/>), then the
/// attention head without BATCH_MATMUL: 1x1 CONV → RESHAPE → TRANSPOSE → SOFTMAX (last axis) → MUL
/// with broadcast against the features → MEAN over positions → 1x1 CONV classifier → int8 logits
/// [1, Slots, Classes]. Every op is one the Edge TPU compiler maps.
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
        var attentionRows = graph.Reshape(attention, "attention.rows", [1, positions, slots]);
        var perm = builder.AddConstant<int>("attention.perm", TensorType.Int32, [3], [0, 2, 1]);
        var attentionBySlot = graph.Activation("attention.by_slot", [1, slots, positions], graph.QuantizationOf(attentionRows));
        builder.AddOperator(BuiltinOperator.Transpose, [attentionRows, perm], [attentionBySlot], new TransposeOptions());
        // int8 SOFTMAX output is fixed by the spec: scale 1/256, zero point -128.
        var masks = graph.Activation("attention.softmax", [1, slots, positions], 1f / 256f, -128);
        builder.AddOperator(BuiltinOperator.Softmax, [attentionBySlot], [masks], new SoftmaxOptions(1f));

        var masks4 = graph.Reshape(masks, "attention.masks", [1, slots, positions, 1]);
        var features4 = graph.Reshape(features, "features.rows", [1, 1, positions, channels]);
        var product = graph.Activation("pool.mul", [1, slots, positions, channels]);
        builder.AddOperator(BuiltinOperator.Mul, [masks4, features4], [product], new MulOptions());
        var axis = builder.AddConstant<int>("pool.axis", TensorType.Int32, [1], [2]);
        var pooled = graph.Activation("pool.mean", [1, slots, channels]);
        builder.AddOperator(BuiltinOperator.Mean, [product, axis], [pooled], new ReducerOptions(KeepDims: false));

        var pooled4 = graph.Reshape(pooled, "pool.slots", [1, 1, slots, channels]);
        // The float graph pools with a weighted sum (softmax weights add to 1); MEAN divides by the
        // number of positions, so the classifier's weights carry that factor back.
        var classifier = network.Classifier with { Weight = [.. network.Classifier.Weight.Select(v => v * positions)], Name = "logits" };
        var (one, rows) = (1, slots);
        var logits4 = graph.Convolution(classifier, pooled4, ref one, ref rows);
        var logits = graph.Reshape(logits4, "logits.slots", [1, slots, classes]);

        builder.SetInputs(input);
        builder.SetOutputs(logits);
        return builder.ToBytes();
    }
}
