namespace Lpr.Training.Model;

/// <summary>
/// Shape of the plate detector, a tiny CenterNet: a MobileNetV2-like backbone of inverted residuals
/// (ReLU6, no squeeze-excite, no hard-swish, so it quantizes cleanly and maps to the Edge TPU) to a
/// stride-8 map, a context branch on to stride 16, a one-step feature pyramid (1x1 laterals, the
/// stride-16 one upsampled by nearest neighbour and added), a depthwise-separable fuse, and two 1x1
/// heads per stride-8 cell: a plate-centre heatmap logit and the 4 plate corners (TL, TR, BR, BL) as
/// x, y offsets from the cell centre in units of the stride.
/// <para>Input 320x192 gray: a 16:9 frame letterboxed to the top-left (1280x720 → 320x180 and 12
/// rows of padding; 4:3 → 256x192), so one model serves every camera aspect without distortion, and
/// a 720p frame shrinks by exactly 4. The 40x24 cell grid at stride 8 puts even the smallest plates
/// (48 px wide at 720p, 12 px in the input) on a cell of their own; the stride-16 branch gives the
/// centre cell of a large plate (up to 400 px at 720p) a receptive field covering its corners.</para>
/// </summary>
public sealed record DetectorArchitecture
{
    public int InputHeight { get; init; } = 192;

    public int InputWidth { get; init; } = 320;

    /// <summary>Channels of the 3x3 stride-2 stem.</summary>
    public int StemChannels { get; init; } = 16;

    /// <summary>Bottlenecks from the stem (stride 2) to the output stride.</summary>
    public IReadOnlyList<BottleneckSpec> Blocks { get; init; } = DefaultBlocks;

    /// <summary>Bottlenecks from the output stride onwards (the first has stride 2): context for large plates.</summary>
    public IReadOnlyList<BottleneckSpec> ContextBlocks { get; init; } = DefaultContextBlocks;

    /// <summary>Channels of the pyramid laterals, the fuse block and the heads' input.</summary>
    public int NeckChannels { get; init; } = 32;

    /// <summary>Corner coordinates regressed per cell: 4 corners × (x, y).</summary>
    public const int CornerChannels = 8;

    /// <summary>Stride of the output cells (input pixels per cell).</summary>
    public int OutputStride => 2 * Blocks.Aggregate(1, (s, b) => s * b.Stride);

    /// <summary>Stride of the context branch's output.</summary>
    public int ContextStride => OutputStride * ContextBlocks.Aggregate(1, (s, b) => s * b.Stride);

    public int GridHeight => InputHeight / OutputStride;

    public int GridWidth => InputWidth / OutputStride;

    /// <summary>Channels of the backbone at the output stride (the last of <see cref="Blocks"/>).</summary>
    public int BackboneChannels => Blocks[^1].OutputChannels;

    public int ContextChannels => ContextBlocks[^1].OutputChannels;

    /// <summary>
    /// The shipped shape: 16-channel stem, then (kernel, expanded, out, stride) 3-16-16-2 to stride 4,
    /// 3-48-24-2 to stride 8 and two 5-72-24-1 there; context 5-72-40-2 to stride 16 and two 5-120-40-1.
    /// </summary>
    public static IReadOnlyList<BottleneckSpec> DefaultBlocks { get; } =
    [
        new(3, 16, 16, 2),
        new(3, 48, 24, 2),
        new(5, 72, 24, 1),
        new(5, 72, 24, 1),
    ];

    public static IReadOnlyList<BottleneckSpec> DefaultContextBlocks { get; } =
    [
        new(5, 72, 40, 2),
        new(5, 120, 40, 1),
        new(5, 120, 40, 1),
    ];

    public static DetectorArchitecture Default { get; } = new();

    /// <summary>A very small variant for smoke tests (same structure at 160x96, a fraction of the compute).</summary>
    public static DetectorArchitecture Tiny { get; } = new()
    {
        InputHeight = 96,
        InputWidth = 160,
        StemChannels = 8,
        Blocks = [new(3, 8, 8, 2), new(3, 16, 16, 2)],
        ContextBlocks = [new(3, 32, 24, 2)],
        NeckChannels = 16,
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (Blocks.Count == 0 || ContextBlocks.Count == 0)
        {
            throw new ArgumentException("The detector needs at least one backbone and one context bottleneck.", nameof(Blocks));
        }

        foreach (var block in Blocks.Concat(ContextBlocks))
        {
            if (block.KernelSize is not (3 or 5) || block.Stride is not (1 or 2) || block.ExpandedChannels <= 0 || block.OutputChannels <= 0)
            {
                throw new ArgumentException($"Invalid bottleneck {block}: kernel must be 3 or 5, stride 1 or 2, channels positive.", nameof(Blocks));
            }
        }

        if (ContextBlocks[0].Stride != 2 || ContextBlocks.Skip(1).Any(b => b.Stride != 1))
        {
            throw new ArgumentException("The context branch must halve the map once, in its first block (the pyramid upsamples it by 2).", nameof(ContextBlocks));
        }

        if (InputHeight % ContextStride != 0 || InputWidth % ContextStride != 0)
        {
            throw new ArgumentException($"Input {InputHeight}x{InputWidth} is not divisible by the context stride {ContextStride}.", nameof(InputHeight));
        }

        if (StemChannels <= 0 || NeckChannels <= 0)
        {
            throw new ArgumentException("StemChannels and NeckChannels must be positive.", nameof(NeckChannels));
        }
    }
}
