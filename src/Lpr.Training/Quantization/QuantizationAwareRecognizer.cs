using Lpr.Training.Export;
using Lpr.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Quantization;

/// <summary>
/// The int8 model the exporter writes, simulated on a trainable <see cref="PlateRecognizerNet"/>: every
/// BatchNorm folded into its convolution with the running statistics (frozen, so the folded weights are
/// exactly what <see cref="BatchNormFolding"/> will export), per-channel int8 weights and every activation
/// the graph quantizes rounded to its calibrated per-tensor grid (tensors named as
/// <see cref="FoldedRecognizer.Forward"/> reports them), all with straight-through gradients. Used to
/// measure what int8 costs where (<see cref="QuantizedTensors"/> picks which tensors are rounded) and to
/// fine-tune the weights for the grid (quantization-aware training).
/// </summary>
public sealed class QuantizationAwareRecognizer(PlateRecognizerNet model, ActivationRanges ranges)
{
    /// <summary>The name every weight tensor answers to in <see cref="QuantizedTensors"/>.</summary>
    public const string Weights = "weights";

    public PlateRecognizerNet Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The calibrated ranges the activations are rounded to; replaced when the weights have moved.</summary>
    public ActivationRanges Ranges { get; set; } = ranges ?? throw new ArgumentNullException(nameof(ranges));

    /// <summary>Which tensors are rounded: activation names, or <see cref="Weights"/> for all weights (default: everything).</summary>
    public Func<string, bool> QuantizedTensors { get; set; } = _ => true;

    /// <summary>Sees each named tensor as the simulation computed it (rounded or not), as <see cref="FoldedRecognizer.Forward"/> reports them.</summary>
    public Action<string, Tensor>? Observe { get; set; }

    /// <summary>Input [B,1,H,W] in [0,1]; logits, attention masks and the auxiliary mask logits as the float model gives them.</summary>
    public RecognizerOutput Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var arch = Model.Architecture;
        // The uint8 image quantized to int8 at scale 1/255: exact for pixels the camera delivers.
        var x = QuantizedTensors("input") ? FakeQuantization.PerTensor(input, 1f / 255f, -128) : input;
        x = Convolution(Model.Stem, "stem", x);
        for (var i = 0; i < Model.Blocks.Count; i++)
        {
            var block = Model.Blocks[i];
            var blockInput = x;
            var names = FoldedBlock.LayerNames(block, $"block{i}");
            for (var j = 0; j < block.Layers.Count; j++)
            {
                x = Convolution(block.Layers[j], names[j], x);
            }

            if (block.HasResidual)
            {
                x = Activation(names[^1] + ".add", x + blockInput);
            }
        }

        var features = Convolution(Model.Head, "head", x);
        var (batch, channels) = (features.shape[0], features.shape[1]);
        var positions = features.shape[2] * features.shape[3];
        var attentionWeight = Weight(Model.AttentionConv.weight!);
        var position = Model.AttentionPosition;
        var attentionContent = nn.functional.conv2d(features, attentionWeight, Model.AttentionConv.bias!);
        var attentionLogits = Activation(position is null ? FoldedRecognizer.AttentionScores : FoldedRecognizer.AttentionContent, attentionContent);
        if (position is not null)
        {
            var bias = QuantizedTensors(Weights) ? FakeQuantization.PerTensorConstant(position) : position;
            attentionLogits = Activation(FoldedRecognizer.AttentionScores, attentionLogits + bias.view(1, arch.Slots, features.shape[2], features.shape[3]));
        }

        var masks = attentionLogits.view(batch, arch.Slots, positions).softmax(-1);
        // int8 SOFTMAX writes at the spec's fixed scale 1/256, zero point −128.
        var quantizedMasks = QuantizedTensors("attention.softmax") ? FakeQuantization.PerTensor(masks, 1f / 256f, -128) : masks;
        Observe?.Invoke("attention.softmax", quantizedMasks);
        var product = Activation("pool.mul", quantizedMasks.unsqueeze(-1) * features.view(batch, channels, positions).transpose(1, 2).unsqueeze(1));
        var pooled = Activation("pool.mean", product.mean([2]));
        // The export's MEAN divides by the positions and the weights of the layer after it carry the factor back;
        // per-channel rounding is the same with or without the factor.
        using Scalar positionCount = positions;
        var classifierInput = pooled;
        var classifierWeight = Weight(Model.Classifier.weight!.view(arch.Classes, arch.FeatureChannels, 1, 1)).view(arch.Classes, arch.FeatureChannels);
        if (Model.SlotLayer is { } slotLayer)
        {
            var slotWeight = Weight(slotLayer.weight!.view(arch.FeatureChannels, arch.FeatureChannels, 1, 1)).view(arch.FeatureChannels, arch.FeatureChannels).mul(positionCount);
            classifierInput = Activation(FoldedRecognizer.SlotFeatures, nn.functional.relu6(nn.functional.linear(pooled, slotWeight, slotLayer.bias!)));
        }
        else
        {
            classifierWeight = classifierWeight.mul(positionCount);
        }

        var logits = Activation("logits", nn.functional.linear(classifierInput, classifierWeight, Model.Classifier.bias!));
        var maskLogits = Model.MaskHead.forward(features);
        return new RecognizerOutput(logits.MoveToOuterDisposeScope(), quantizedMasks.MoveToOuterDisposeScope(), maskLogits.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// A convolution with its BatchNorm folded as the export folds it (running statistics), fused ReLU6, rounded output.
    /// The folding is <see cref="BatchNormFolding.Fold"/>'s formula in differentiable tensors; Fold itself stays on
    /// float arrays because computing it here changes the last bit of some folded weights, and so the shipped exports.
    /// </summary>
    private Tensor Convolution(ConvBnRelu6 layer, string name, Tensor x)
    {
        var bn = layer.Norm;
        using Scalar eps = bn.eps;
        var std = bn.running_var!.add(eps).sqrt_();
        var factor = bn.weight! / std;
        var weight = Weight(layer.Conv.weight! * factor.view(-1, 1, 1, 1));
        var bias = bn.bias! - (bn.running_mean! * factor);
        var y = nn.functional.conv2d(SamePadding.Apply(x, layer.KernelSize, layer.Stride), weight, bias, strides: [layer.Stride, layer.Stride], groups: layer.Groups);
        return Activation(name, layer.Activation ? nn.functional.relu6(y) : y);
    }

    private Tensor Weight(Tensor weight) => QuantizedTensors(Weights) ? FakeQuantization.PerChannelWeights(weight) : weight;

    private Tensor Activation(string name, Tensor x)
    {
        var result = QuantizedTensors(name) ? FakeQuantization.Activation(x, Ranges[name]) : x;
        Observe?.Invoke(name, result);
        return result;
    }
}
