using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>
/// The plate recognizer: backbone → 8x16 feature map F [C] → attention 1x1 conv giving
/// <c>Slots</c> ordered masks (softmax over the 128 positions) → each mask pools F into one
/// C-vector (a weighted spatial mean) → a shared classifier maps each slot to the 68 classes
/// (CTC over the slots), through a shared ReLU6 layer first when the architecture has one
/// (<see cref="RecognizerArchitecture.SlotLayer"/>). A 1x1 auxiliary head predicts where characters are (dice + BCE against
/// the generator's masks); it shapes the features the attention reads and is dropped at export.
/// </summary>
public sealed class PlateRecognizerNet : nn.Module<Tensor, RecognizerOutput>
{
    private readonly ConvBnRelu6 stem;
    private readonly ModuleList<InvertedResidual> blocks = new();
    private readonly ConvBnRelu6 head;
    private readonly Conv2d attention;
    private readonly Linear classifier;
    private readonly Linear? slotLayer;
    private readonly Conv2d maskHead;
    private readonly Parameter? attentionPosition;

    public PlateRecognizerNet(RecognizerArchitecture architecture)
        : base(nameof(PlateRecognizerNet))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        stem = new ConvBnRelu6("stem", 1, architecture.StemChannels, 3, architecture.StemStride, 1, activation: true);
        var channels = architecture.StemChannels;
        foreach (var spec in architecture.Blocks)
        {
            blocks.Add(new InvertedResidual("block", channels, spec));
            channels = spec.OutputChannels;
        }

        head = new ConvBnRelu6("head", channels, architecture.FeatureChannels, 1, 1, 1, activation: true);
        attention = nn.Conv2d(architecture.FeatureChannels, architecture.Slots, 1);
        classifier = nn.Linear(architecture.FeatureChannels, architecture.Classes);
        if (architecture.SlotLayer)
        {
            slotLayer = nn.Linear(architecture.FeatureChannels, architecture.FeatureChannels);
        }

        maskHead = nn.Conv2d(architecture.FeatureChannels, 1, 1);
        if (architecture.PositionalAttention)
        {
            // Zero: every slot starts looking everywhere, as without the bias; training moves each to its place.
            attentionPosition = nn.Parameter(zeros(architecture.Slots, architecture.FeatureHeight * architecture.FeatureWidth));
        }

        RegisterComponents();
    }

    public RecognizerArchitecture Architecture { get; }

    internal ConvBnRelu6 Stem => stem;

    internal IReadOnlyList<InvertedResidual> Blocks => [.. blocks];

    internal ConvBnRelu6 Head => head;

    internal Conv2d AttentionConv => attention;

    internal Linear Classifier => classifier;

    /// <summary>The shared per-slot layer of <see cref="RecognizerArchitecture.SlotLayer"/>, else null.</summary>
    internal Linear? SlotLayer => slotLayer;

    internal Conv2d MaskHead => maskHead;

    /// <summary>The learned attention bias [Slots, H·W] of <see cref="RecognizerArchitecture.PositionalAttention"/>, else null.</summary>
    internal Parameter? AttentionPosition => attentionPosition;

    /// <summary>Input [B, 1, H, W] with pixels scaled to [0, 1].</summary>
    public override RecognizerOutput forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = Features(input);
        var (batch, channels) = (features.shape[0], features.shape[1]);
        var positions = features.shape[2] * features.shape[3];

        var scores = attention.forward(features).view(batch, Architecture.Slots, positions);
        var masks = (attentionPosition is null ? scores : scores + attentionPosition).softmax(-1);
        var flat = features.view(batch, channels, positions).transpose(1, 2); // [B, HW, C]
        var pooled = masks.bmm(flat);                                            // [B, Slots, C]
        if (slotLayer is not null)
        {
            pooled = nn.functional.relu6(slotLayer.forward(pooled));
        }

        var logits = classifier.forward(pooled);                                 // [B, Slots, Classes]
        var maskLogits = maskHead.forward(features);
        return new RecognizerOutput(logits.MoveToOuterDisposeScope(), masks.MoveToOuterDisposeScope(), maskLogits.MoveToOuterDisposeScope());
    }

    /// <summary>The backbone and 1x1 head: [B, FeatureChannels, H/stride, W/stride].</summary>
    public Tensor Features(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != 1 || input.shape[2] != Architecture.InputHeight || input.shape[3] != Architecture.InputWidth)
        {
            throw new ArgumentException(
                $"Expected input [B, 1, {Architecture.InputHeight}, {Architecture.InputWidth}], got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using var scope = NewDisposeScope();
        var x = stem.forward(input);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return head.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>Trainable parameters of the inference path (the auxiliary mask head excluded, BN counted as scale+shift).</summary>
    public long InferenceParameterCount =>
        parameters().Sum(p => p.numel()) - maskHead.parameters().Sum(p => p.numel());

    /// <summary>Multiply-accumulates of one inference (batch 1), counted layer by layer.</summary>
    public long InferenceMultiplyAccumulates()
    {
        var arch = Architecture;
        int h = arch.InputHeight / arch.StemStride, w = arch.InputWidth / arch.StemStride;
        long total = stem.MultiplyAccumulates(h, w);
        foreach (var block in blocks)
        {
            foreach (var layer in block.Layers)
            {
                h /= layer.Stride;
                w /= layer.Stride;
                total += layer.MultiplyAccumulates(h, w);
            }
        }

        total += head.MultiplyAccumulates(h, w);
        long positions = (long)h * w;
        total += positions * arch.FeatureChannels * arch.Slots;                 // attention 1x1
        total += (long)arch.Slots * positions * arch.FeatureChannels;          // mask · features pooling
        if (arch.SlotLayer)
        {
            total += (long)arch.Slots * arch.FeatureChannels * arch.FeatureChannels; // shared slot layer
        }

        total += (long)arch.Slots * arch.FeatureChannels * arch.Classes;        // shared classifier
        return total;
    }
}
