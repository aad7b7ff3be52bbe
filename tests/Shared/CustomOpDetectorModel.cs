using Lpr.TfLite.Model;

namespace Lpr.Testing;

/// <summary>
/// A detector-shaped graph for cutting models: int8 image → RELU → CONV_2D → a custom "PostProcess" op (with constant
/// anchors) → float detections; with <c>sideBranch</c> also a second input → ADD → a second graph output that no
/// custom op is behind. Tensors: 0 image, 1 relu, 2 conv/weights, 3 conv/bias, 4 conv, 5 anchors, 6 detections (then
/// side, side/offset, side_sum).
/// </summary>
internal static class CustomOpDetectorModel
{
    public static ModelBuilder Build(bool sideBranch)
    {
        var b = new ModelBuilder();
        var q = QuantizationParameters.PerTensor(0.5f, -3);
        var image = b.AddTensor("image", TensorType.Int8, [1, 4, 4, 2], q);
        var relu = b.AddTensor("relu", TensorType.Int8, [1, 4, 4, 2], q);
        var weights = b.AddConstant<sbyte>("conv/weights", TensorType.Int8, [3, 1, 1, 2], [1, -2, 3, -4, 5, -6], QuantizationParameters.PerTensor(0.1f, 0));
        var bias = b.AddConstant<int>("conv/bias", TensorType.Int32, [3], [1, 2, 3], QuantizationParameters.PerTensor(0.05f, 0));
        var conv = b.AddTensor("conv", TensorType.Int8, [1, 4, 4, 3], QuantizationParameters.PerTensor(0.25f, 1));
        var anchors = b.AddConstant<float>("anchors", TensorType.Float32, [4], [0.1f, 0.2f, 0.3f, 0.4f]);
        var detections = b.AddTensor("detections", TensorType.Float32, [1, 4]);
        b.AddOperator(BuiltinOperator.Relu, [image], [relu]);
        b.AddOperator(BuiltinOperator.Conv2D, [relu, weights, bias], [conv], new Conv2DOptions(Padding.Same, 1, 1));
        if (!sideBranch)
        {
            b.AddCustomOperator("PostProcess", [conv, anchors], [detections]);
            b.SetInputs(image);
            b.SetOutputs(detections);
            return b;
        }

        var side = b.AddTensor("side", TensorType.Int8, [1, 2], q);
        var offset = b.AddConstant<sbyte>("side/offset", TensorType.Int8, [1, 2], [5, 6], q);
        var sideSum = b.AddTensor("side_sum", TensorType.Int8, [1, 2], q);
        b.AddOperator(BuiltinOperator.Add, [side, offset], [sideSum], new AddOptions());
        b.AddCustomOperator("PostProcess", [conv, anchors], [detections]);
        b.SetInputs(image, side);
        b.SetOutputs(detections, sideSum);
        return b;
    }
}
