using Lpr.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>
/// The inference path of a trained <see cref="PlateDetectorNet"/> with every BatchNorm folded into its
/// convolution: what the int8 model computes, in float. <see cref="Forward"/> follows the exported
/// graph's operation order and reports every intermediate the exporter quantizes (layers by name,
/// residual sums as <c>{layer}.add</c>, the pyramid sum as <c>pyramid.add</c>).
/// </summary>
public sealed class FoldedDetector
{
    private FoldedDetector(PlateDetectorNet model)
    {
        Architecture = model.Architecture;
        Stem = BatchNormFolding.Fold(model.Stem, "stem");
        Blocks = [.. model.Blocks.Select((block, i) => FoldedBlock.From(block, $"block{i}"))];
        Context = [.. model.Context.Select((block, i) => FoldedBlock.From(block, $"context{i}"))];
        Lateral = BatchNormFolding.Fold(model.Lateral, "lateral");
        ContextLateral = BatchNormFolding.Fold(model.ContextLateral, "context_lateral");
        FuseDepthwise = BatchNormFolding.Fold(model.FuseDepthwise, "fuse.dw");
        FusePointwise = BatchNormFolding.Fold(model.FusePointwise, "fuse.pw");
        var neck = Architecture.NeckChannels;
        Heatmap = new FoldedConv("heatmap.logits", BatchNormFolding.Floats(model.HeatmapHead.weight!), BatchNormFolding.Floats(model.HeatmapHead.bias!), neck, 1, 1, 1, 1, Relu6: false);
        Corners = new FoldedConv("corners", BatchNormFolding.Floats(model.CornerHead.weight!), BatchNormFolding.Floats(model.CornerHead.bias!), neck, DetectorArchitecture.CornerChannels, 1, 1, 1, Relu6: false);
    }

    public DetectorArchitecture Architecture { get; }

    public FoldedConv Stem { get; }

    public IReadOnlyList<FoldedBlock> Blocks { get; }

    public IReadOnlyList<FoldedBlock> Context { get; }

    public FoldedConv Lateral { get; }

    public FoldedConv ContextLateral { get; }

    public FoldedConv FuseDepthwise { get; }

    public FoldedConv FusePointwise { get; }

    /// <summary>1x1 convolution giving the plate-centre logit (LOGISTIC follows in the graph).</summary>
    public FoldedConv Heatmap { get; }

    /// <summary>1x1 convolution giving the 8 corner offsets.</summary>
    public FoldedConv Corners { get; }

    public static FoldedDetector From(PlateDetectorNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = no_grad();
        return new FoldedDetector(model);
    }

    /// <summary>
    /// Float forward of the folded graph. Input [B,1,H,W] in [0,1]; returns heatmap logits [B,1,h,w] and
    /// corners [B,8,h,w]. <paramref name="observe"/> sees each named intermediate.
    /// </summary>
    public (Tensor HeatmapLogits, Tensor Corners) Forward(Tensor input, Action<string, Tensor>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        observe?.Invoke("input", input);
        var x = Stem.Forward(input, observe);
        foreach (var block in Blocks)
        {
            x = block.Forward(x, observe);
        }

        var c = x;
        foreach (var block in Context)
        {
            c = block.Forward(c, observe);
        }

        // The upsampled map keeps the context lateral's quantization (RESIZE_NEAREST_NEIGHBOR requires it).
        var up = nn.functional.interpolate(ContextLateral.Forward(c, observe), size: [Architecture.GridHeight, Architecture.GridWidth], mode: InterpolationMode.Nearest);
        var merged = Lateral.Forward(x, observe) + up;
        observe?.Invoke("pyramid.add", merged);
        var features = FusePointwise.Forward(FuseDepthwise.Forward(merged, observe), observe);
        var heatmap = Heatmap.Forward(features, observe);
        var corners = Corners.Forward(features, observe);
        return (heatmap.MoveToOuterDisposeScope(), corners.MoveToOuterDisposeScope());
    }
}
