namespace Lpr.Training.Model;

/// <summary>One inverted-residual (MobileNetV3 "bneck") block: 1x1 expand, kxk depthwise, 1x1 project.</summary>
/// <param name="KernelSize">Depthwise kernel size (3 or 5).</param>
/// <param name="ExpandedChannels">Channels after the 1x1 expansion; equal to the input channels means no expansion layer.</param>
/// <param name="OutputChannels">Channels after the linear 1x1 projection.</param>
/// <param name="Stride">Depthwise stride (1 or 2).</param>
public sealed record BottleneckSpec(int KernelSize, int ExpandedChannels, int OutputChannels, int Stride);

/// <summary>
/// Shape of the recognizer: a MobileNetV3-Small backbone at about 0.25 width adapted to 64x128 gray
/// crops (squeeze-excite removed, hard-swish replaced by ReLU6 so it quantizes cleanly and maps to
/// the Edge TPU, the last two bottlenecks removed, strides chosen so the final map is 8x16), then a
/// character-attention head with <see cref="Slots"/> ordered masks and a shared classifier.
/// </summary>
public sealed record RecognizerArchitecture
{
    public int InputHeight { get; init; } = 64;

    public int InputWidth { get; init; } = 128;

    public int StemChannels { get; init; } = 8;

    public int StemStride { get; init; } = 1;

    public IReadOnlyList<BottleneckSpec> Blocks { get; init; } = DefaultBlocks;

    /// <summary>Channels of the final 1x1 convolution that feeds the attention head.</summary>
    public int FeatureChannels { get; init; } = 64;

    /// <summary>Number of ordered character slots (the CTC time steps).</summary>
    public int Slots { get; init; } = 16;

    /// <summary>
    /// A learned bias per slot and map position added to the attention logits. A 1x1 convolution sees only the
    /// features of its own position, so without it nothing but zero padding tells slot 3 from slot 4 where to look;
    /// with it each slot starts from a place of its own and the features only have to say where characters are.
    /// Exported as an ADD of a constant.
    /// </summary>
    public bool PositionalAttention { get; init; }

    /// <summary>
    /// A fully connected layer with ReLU6 shared by the slots, between the pooling and the classifier (FeatureChannels
    /// in and out). The linear classifier on the pooled features can only add evidence, so a slot whose mask covers the
    /// second syllable of a region name (경북 and 전북 share 북) cannot weigh it against the first; one nonlinear layer
    /// can. Exported as a 1x1 CONV_2D with fused ReLU6.
    /// </summary>
    public bool SlotLayer { get; init; }

    /// <summary>67 tokens of models/labels.txt plus the CTC blank at index 67.</summary>
    public int Classes { get; init; } = 68;

    public int Blank => Classes - 1;

    /// <summary>Overall stride of the backbone (input size / final map size).</summary>
    public int TotalStride => StemStride * Blocks.Aggregate(1, (s, b) => s * b.Stride);

    public int FeatureHeight => InputHeight / TotalStride;

    public int FeatureWidth => InputWidth / TotalStride;

    /// <summary>
    /// The default shape (the recognizers shipped until 2026-12-02). MobileNetV3-Small's first nine bneck rows with every width multiplied by
    /// 0.25 and rounded to a multiple of 8; strides 1-2-2-1-2-1-... so 64x128 ends at 8x16.
    /// </summary>
    public static IReadOnlyList<BottleneckSpec> DefaultBlocks { get; } =
    [
        new(3, 8, 8, 2),
        new(3, 24, 8, 2),
        new(3, 24, 8, 1),
        new(5, 24, 16, 2),
        new(5, 64, 16, 1),
        new(5, 64, 16, 1),
        new(5, 32, 16, 1),
        new(5, 40, 16, 1),
        new(5, 72, 24, 1),
    ];

    public static RecognizerArchitecture Default { get; } = new();

    /// <summary>The default backbone and head with <see cref="PositionalAttention"/>.</summary>
    public static RecognizerArchitecture Positional { get; } = new() { PositionalAttention = true };

    /// <summary>
    /// The shipped shape since 2026-12-02: the default backbone with twice the expanded channels in the blocks that run
    /// at 16x32 and 8x16 and 96 feature channels. The default model misread one clean, large, sharp synthetic plate in
    /// eight (하/허, 나/다, 오/호), which is capacity, not image quality. Grown from a trained default model by
    /// <see cref="RecognizerWidening"/>.
    /// </summary>
    public static RecognizerArchitecture Wide { get; } = new()
    {
        Blocks = [.. DefaultBlocks.Take(3), .. DefaultBlocks.Skip(3).Select(b => b with { ExpandedChannels = 2 * b.ExpandedChannels })],
        FeatureChannels = 96,
    };

    /// <summary>
    /// <see cref="Wide"/> with the <see cref="SlotLayer"/>: 9,312 parameters more. Grown from a trained wide model by
    /// <see cref="RecognizerWidening"/>, which starts the layer as the identity (the pooled features are ReLU6 outputs
    /// averaged, so in [0, 6] already, where ReLU6 of the identity changes nothing).
    /// </summary>
    public static RecognizerArchitecture WideSlot { get; } = Wide with { SlotLayer = true };

    /// <summary>A very small variant for smoke tests (same structure, a fraction of the compute).</summary>
    public static RecognizerArchitecture Tiny { get; } = new()
    {
        StemChannels = 8,
        StemStride = 2,
        Blocks = [new(3, 8, 8, 2), new(3, 16, 16, 2), new(3, 32, 16, 1)],
        FeatureChannels = 32,
    };

    /// <summary><see cref="Tiny"/> with the <see cref="SlotLayer"/>, for smoke tests of that path.</summary>
    public static RecognizerArchitecture TinySlot { get; } = Tiny with { SlotLayer = true };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (Blocks.Count == 0)
        {
            throw new ArgumentException("Architecture needs at least one bottleneck block.", nameof(Blocks));
        }

        foreach (var block in Blocks)
        {
            if (block.KernelSize is not (3 or 5) || block.Stride is not (1 or 2) || block.ExpandedChannels <= 0 || block.OutputChannels <= 0)
            {
                throw new ArgumentException($"Invalid bottleneck {block}: kernel must be 3 or 5, stride 1 or 2, channels positive.", nameof(Blocks));
            }
        }

        if (StemStride is not (1 or 2))
        {
            throw new ArgumentException($"StemStride must be 1 or 2, not {StemStride}.", nameof(StemStride));
        }

        if (InputHeight % TotalStride != 0 || InputWidth % TotalStride != 0)
        {
            throw new ArgumentException($"Input {InputHeight}x{InputWidth} is not divisible by the total stride {TotalStride}.", nameof(Blocks));
        }

        if (Slots <= 0 || Classes < 2 || FeatureChannels <= 0 || StemChannels <= 0)
        {
            throw new ArgumentException("Slots, Classes, FeatureChannels and StemChannels must be positive (Classes ≥ 2).");
        }
    }
}
