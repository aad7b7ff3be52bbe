using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>
/// The plate detector (see <see cref="DetectorArchitecture"/>): stem → backbone to stride 8 →
/// context branch to stride 16 → laterals (1x1, linear) added after a nearest 2x upsampling →
/// depthwise 3x3 + pointwise fuse → 1x1 heatmap logit and 1x1 corner offsets per cell.
/// </summary>
public sealed class PlateDetectorNet : nn.Module<Tensor, DetectorOutput>
{
    /// <summary>Heatmap bias at initialization: sigmoid(−2.19) ≈ 0.1, CenterNet's prior, so the focal loss starts stable.</summary>
    public const float HeatmapPriorBias = -2.19f;

    private readonly ConvBnRelu6 stem;
    private readonly ModuleList<InvertedResidual> blocks = new();
    private readonly ModuleList<InvertedResidual> context = new();
    private readonly ConvBnRelu6 lateral;
    private readonly ConvBnRelu6 contextLateral;
    private readonly ConvBnRelu6 fuseDepthwise;
    private readonly ConvBnRelu6 fusePointwise;
    private readonly Conv2d heatmapHead;
    private readonly Conv2d cornerHead;

    public PlateDetectorNet(DetectorArchitecture architecture)
        : base(nameof(PlateDetectorNet))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        stem = new ConvBnRelu6("stem", 1, architecture.StemChannels, 3, 2, 1, activation: true);
        var channels = architecture.StemChannels;
        foreach (var spec in architecture.Blocks)
        {
            blocks.Add(new InvertedResidual("block", channels, spec));
            channels = spec.OutputChannels;
        }

        foreach (var spec in architecture.ContextBlocks)
        {
            context.Add(new InvertedResidual("context", channels, spec));
            channels = spec.OutputChannels;
        }

        var neck = architecture.NeckChannels;
        lateral = new ConvBnRelu6("lateral", architecture.BackboneChannels, neck, 1, 1, 1, activation: false);
        contextLateral = new ConvBnRelu6("context_lateral", architecture.ContextChannels, neck, 1, 1, 1, activation: false);
        fuseDepthwise = new ConvBnRelu6("fuse_dw", neck, neck, 3, 1, neck, activation: true);
        fusePointwise = new ConvBnRelu6("fuse_pw", neck, neck, 1, 1, 1, activation: true);
        heatmapHead = nn.Conv2d(neck, 1, 1);
        cornerHead = nn.Conv2d(neck, DetectorArchitecture.CornerChannels, 1);
        using (no_grad())
        {
            heatmapHead.bias!.fill_(HeatmapPriorBias);
        }

        RegisterComponents();
    }

    public DetectorArchitecture Architecture { get; }

    internal ConvBnRelu6 Stem => stem;

    internal IReadOnlyList<InvertedResidual> Blocks => [.. blocks];

    internal IReadOnlyList<InvertedResidual> Context => [.. context];

    internal ConvBnRelu6 Lateral => lateral;

    internal ConvBnRelu6 ContextLateral => contextLateral;

    internal ConvBnRelu6 FuseDepthwise => fuseDepthwise;

    internal ConvBnRelu6 FusePointwise => fusePointwise;

    internal Conv2d HeatmapHead => heatmapHead;

    internal Conv2d CornerHead => cornerHead;

    /// <summary>Input [B, 1, H, W] with pixels scaled to [0, 1].</summary>
    public override DetectorOutput forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var arch = Architecture;
        if (input.dim() != 4 || input.shape[1] != 1 || input.shape[2] != arch.InputHeight || input.shape[3] != arch.InputWidth)
        {
            throw new ArgumentException(
                $"Expected input [B, 1, {arch.InputHeight}, {arch.InputWidth}], got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        using var scope = NewDisposeScope();
        var x = stem.forward(input);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        var c = x;
        foreach (var block in context)
        {
            c = block.forward(c);
        }

        // Nearest 2x: out[y, x] = in[y / 2, x / 2], what TFLite's RESIZE_NEAREST_NEIGHBOR computes without
        // align_corners or half-pixel centres.
        var up = nn.functional.interpolate(contextLateral.forward(c), size: [arch.GridHeight, arch.GridWidth], mode: InterpolationMode.Nearest);
        var merged = lateral.forward(x) + up;
        var features = fusePointwise.forward(fuseDepthwise.forward(merged));
        return new DetectorOutput(heatmapHead.forward(features).MoveToOuterDisposeScope(), cornerHead.forward(features).MoveToOuterDisposeScope());
    }

    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Multiply-accumulates of one inference (batch 1), counted layer by layer.</summary>
    public long MultiplyAccumulates()
    {
        var arch = Architecture;
        int h = arch.InputHeight / 2, w = arch.InputWidth / 2;
        long total = stem.MultiplyAccumulates(h, w);
        foreach (var block in blocks.Concat(context))
        {
            foreach (var layer in block.Layers)
            {
                h /= layer.Stride;
                w /= layer.Stride;
                total += layer.MultiplyAccumulates(h, w);
            }
        }

        total += contextLateral.MultiplyAccumulates(h, w);
        var (gh, gw) = (arch.GridHeight, arch.GridWidth);
        total += lateral.MultiplyAccumulates(gh, gw) + fuseDepthwise.MultiplyAccumulates(gh, gw) + fusePointwise.MultiplyAccumulates(gh, gw);
        total += (long)gh * gw * arch.NeckChannels * (1 + DetectorArchitecture.CornerChannels);
        return total;
    }
}
