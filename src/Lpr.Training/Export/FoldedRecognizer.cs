using Lpr.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>
/// The inference path of a trained <see cref="PlateRecognizerNet"/> with every BatchNorm folded into
/// its convolution and the auxiliary mask head dropped: what the int8 model computes, in float.
/// <see cref="Forward"/> evaluates it with the same operation order as the exported graph (attention
/// pooling as a broadcast multiply + mean) and reports every intermediate tensor for calibration.
/// </summary>
public sealed class FoldedRecognizer
{
    /// <summary>The name of the attention convolution's output when a position bias is added to it (the sum is <see cref="AttentionScores"/>).</summary>
    public const string AttentionContent = "attention.content";

    /// <summary>The attention logits the softmax reads: the convolution's output, plus the position bias when there is one.</summary>
    public const string AttentionScores = "attention";

    /// <summary>The name of the slot layer's output (<see cref="RecognizerArchitecture.SlotLayer"/>).</summary>
    public const string SlotFeatures = "slot";

    private FoldedRecognizer(RecognizerArchitecture architecture, FoldedConv stem, IReadOnlyList<FoldedBlock> blocks, FoldedConv head, FoldedConv attention, float[]? attentionPosition, FoldedConv? slotLayer, FoldedConv classifier)
    {
        SlotLayer = slotLayer;
        AttentionPosition = attentionPosition;
        Architecture = architecture;
        Stem = stem;
        Blocks = blocks;
        Head = head;
        Attention = attention;
        Classifier = classifier;
    }

    public RecognizerArchitecture Architecture { get; }

    public FoldedConv Stem { get; }

    public IReadOnlyList<FoldedBlock> Blocks { get; }

    public FoldedConv Head { get; }

    /// <summary>1x1 convolution giving the attention logits, one channel per slot.</summary>
    public FoldedConv Attention { get; }

    /// <summary>The learned position bias [Slots, H·W] (slot-major) added to the attention logits, or null.</summary>
    public float[]? AttentionPosition { get; }

    /// <summary>The shared per-slot layer with ReLU6 as a 1x1 convolution over the pooled slot features, or null.</summary>
    public FoldedConv? SlotLayer { get; }

    /// <summary>The shared classifier as a 1x1 convolution over the pooled slot features (or the slot layer's output).</summary>
    public FoldedConv Classifier { get; }

    public IEnumerable<FoldedConv> Backbone => [Stem, .. Blocks.SelectMany(b => b.Layers), Head];

    public static FoldedRecognizer From(PlateRecognizerNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = no_grad();
        var blocks = model.Blocks.Select((block, i) => FoldedBlock.From(block, $"block{i}")).ToList();
        var arch = model.Architecture;
        var position = model.AttentionPosition is { } bias ? Floats(bias) : null;
        var attentionName = position is null ? AttentionScores : AttentionContent;
        var attention = new FoldedConv(attentionName, Floats(model.AttentionConv.weight!), Floats(model.AttentionConv.bias!), arch.FeatureChannels, arch.Slots, 1, 1, 1, Relu6: false);
        var slotLayer = model.SlotLayer is { } slot
            ? new FoldedConv(SlotFeatures, Floats(slot.weight!), Floats(slot.bias!), arch.FeatureChannels, arch.FeatureChannels, 1, 1, 1, Relu6: true)
            : null;
        var classifier = new FoldedConv("classifier", Floats(model.Classifier.weight!), Floats(model.Classifier.bias!), arch.FeatureChannels, arch.Classes, 1, 1, 1, Relu6: false);
        return new FoldedRecognizer(arch, BatchNormFolding.Fold(model.Stem, "stem"), blocks, BatchNormFolding.Fold(model.Head, "head"), attention, position, slotLayer, classifier);
    }

    private static float[] Floats(Tensor t) => BatchNormFolding.Floats(t);

    /// <summary>
    /// Float forward of the folded graph. Input [B,1,H,W] in [0,1]; returns logits [B, Slots, Classes].
    /// <paramref name="observe"/> sees each named intermediate (the tensors the exporter quantizes).
    /// </summary>
    public Tensor Forward(Tensor input, Action<string, Tensor>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        observe?.Invoke("input", input);
        var x = Stem.Forward(input, observe);
        foreach (var block in Blocks)
        {
            x = block.Forward(x, observe);
        }

        var features = Head.Forward(x, observe);                                   // [B, C, h, w]
        var (batch, channels) = (features.shape[0], features.shape[1]);
        var positions = features.shape[2] * features.shape[3];
        var logits = Attention.Forward(features, observe).view(batch, Attention.OutChannels, positions); // [B, T, HW]
        if (AttentionPosition is not null)
        {
            // Observed as [B, T, h, w] like the convolution's output, so the score calibration reads rows alike.
            logits = logits + tensor(AttentionPosition, [Attention.OutChannels, positions]);
            observe?.Invoke(AttentionScores, logits.view(batch, Attention.OutChannels, features.shape[2], features.shape[3]));
        }

        var masks = logits.softmax(-1);
        observe?.Invoke("attention.softmax", masks);
        // Exported as MUL([1,T,HW,1] · [1,1,HW,C]) then MEAN over HW; the layer after it (slot layer or classifier) carries the ×HW.
        var product = masks.unsqueeze(-1) * features.view(batch, channels, positions).transpose(1, 2).unsqueeze(1);
        observe?.Invoke("pool.mul", product);
        var pooled = product.mean([2]);                                            // [B, T, C]
        observe?.Invoke("pool.mean", pooled);
        var classifierInput = pooled;
        var classifierFactor = positions;
        if (SlotLayer is not null)
        {
            var slotWeight = tensor(SlotLayer.Weight, [SlotLayer.OutChannels, SlotLayer.InChannels]) * positions;
            classifierInput = nn.functional.relu6(nn.functional.linear(pooled, slotWeight, tensor(SlotLayer.Bias)));
            observe?.Invoke(SlotFeatures, classifierInput);
            classifierFactor = 1;
        }

        var weight = tensor(Classifier.Weight, [Classifier.OutChannels, Classifier.InChannels]) * classifierFactor;
        var output = nn.functional.linear(classifierInput, weight, tensor(Classifier.Bias));
        observe?.Invoke("logits", output);
        return output.MoveToOuterDisposeScope();
    }
}
