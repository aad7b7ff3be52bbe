using Lpr.TfLite.Model;

namespace Lpr.Training.Export;

/// <summary>
/// Writes the folded, calibrated detector as a fully int8 .tflite with our writer (the shared
/// <see cref="QuantizedGraph"/>): uint8 input [1,H,W,1] → QUANTIZE → CONV_2D / DEPTHWISE_CONV_2D
/// (fused ReLU6) / ADD backbone and context branch → 1x1 CONV laterals, RESIZE_NEAREST_NEIGHBOR 2x
/// (no align-corners, no half-pixel centres: TFLite 2.2 and the Edge TPU run it) and ADD → fuse →
/// two outputs: 0 = heatmap [1,h,w,1] (1x1 CONV → LOGISTIC, int8 probabilities with the spec's fixed
/// scale 1/256 and zero point −128), 1 = corners [1,h,w,8] (1x1 CONV, int8 offsets in cells). Every
/// operator is one the managed interpreter and the Edge TPU compiler both support; no BATCH_MATMUL.
/// </summary>
public static class DetectorTfLiteExporter
{
    /// <summary>Builds the model; the returned bytes are a complete .tflite file.</summary>
    public static byte[] Export(FoldedDetector network, ActivationRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(ranges);
        var arch = network.Architecture;
        var graph = new QuantizedGraph(ranges, "Lpr Korean plate detector (int8)");
        var builder = graph.Builder;
        var (h, w) = (arch.InputHeight, arch.InputWidth);
        var (input, x) = graph.ImageInput(h, w);

        x = graph.Convolution(network.Stem, x, ref h, ref w);
        foreach (var block in network.Blocks)
        {
            x = graph.Block(block, x, ref h, ref w);
        }

        var (gridHeight, gridWidth) = (h, w);
        var c = x;
        foreach (var block in network.Context)
        {
            c = graph.Block(block, c, ref h, ref w);
        }

        var contextLateral = graph.Convolution(network.ContextLateral, c, ref h, ref w);
        var size = builder.AddConstant<int>("context_lateral.up.size", TensorType.Int32, [2], [gridHeight, gridWidth]);
        var up = graph.Activation("context_lateral.up", [1, gridHeight, gridWidth, arch.NeckChannels], graph.QuantizationOf(contextLateral));
        builder.AddOperator(BuiltinOperator.ResizeNearestNeighbor, [contextLateral, size], [up], new ResizeNearestNeighborOptions());

        (h, w) = (gridHeight, gridWidth);
        var lateral = graph.Convolution(network.Lateral, x, ref h, ref w);
        var merged = graph.Activation("pyramid.add", [1, h, w, arch.NeckChannels]);
        builder.AddOperator(BuiltinOperator.Add, [lateral, up], [merged], new AddOptions());
        var features = graph.Convolution(network.FusePointwise, graph.Convolution(network.FuseDepthwise, merged, ref h, ref w), ref h, ref w);

        var logits = graph.Convolution(network.Heatmap, features, ref h, ref w);
        // int8 LOGISTIC output is fixed by the spec: scale 1/256, zero point -128.
        var heatmap = graph.Activation("heatmap", [1, h, w, 1], 1f / 256f, -128);
        builder.AddOperator(BuiltinOperator.Logistic, [logits], [heatmap]);
        var corners = graph.Convolution(network.Corners, features, ref h, ref w);

        builder.SetInputs(input);
        builder.SetOutputs(heatmap, corners);
        return builder.ToBytes();
    }
}
