using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>MobileNetV3 bottleneck without squeeze-excite, ReLU6 throughout, linear projection.</summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<ConvBnRelu6> layers = new();

    public InvertedResidual(string name, int inChannels, BottleneckSpec spec)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ExpandedChannels != inChannels)
        {
            layers.Add(new ConvBnRelu6("expand", inChannels, spec.ExpandedChannels, 1, 1, 1, activation: true));
        }

        layers.Add(new ConvBnRelu6("depthwise", spec.ExpandedChannels, spec.ExpandedChannels, spec.KernelSize, spec.Stride, spec.ExpandedChannels, activation: true));
        layers.Add(new ConvBnRelu6("project", spec.ExpandedChannels, spec.OutputChannels, 1, 1, 1, activation: false));
        HasResidual = spec.Stride == 1 && inChannels == spec.OutputChannels;
        Spec = spec;
        RegisterComponents();
    }

    public BottleneckSpec Spec { get; }

    /// <summary>True when the block adds its input to its output (stride 1, same channels).</summary>
    public bool HasResidual { get; }

    public IReadOnlyList<ConvBnRelu6> Layers => [.. layers];

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in layers)
        {
            x = layer.forward(x);
        }

        return (HasResidual ? x + input : x).MoveToOuterDisposeScope();
    }
}
