using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lpr.Training.Model;

/// <summary>
/// Convolution without bias, BatchNorm, optional ReLU6. The unit the exporter folds: BN into the
/// convolution's weights and bias, ReLU6 into the int8 output range.
/// </summary>
public sealed class ConvBnRelu6 : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    public ConvBnRelu6(string name, int inChannels, int outChannels, int kernelSize, int stride, int groups, bool activation)
        : base(name)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Groups = groups;
        Activation = activation;
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: 0L, groups: groups, bias: false);
        bn = nn.BatchNorm2d(outChannels);
        RegisterComponents();
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int KernelSize { get; }

    public int Stride { get; }

    public int Groups { get; }

    public bool Activation { get; }

    public bool IsDepthwise => Groups > 1 && Groups == InChannels && InChannels == OutChannels;

    internal Conv2d Conv => conv;

    internal BatchNorm2d Norm => bn;

    public override Tensor forward(Tensor input)
    {
        using var padded = SamePadding.Apply(input, KernelSize, Stride);
        using var convolved = conv.forward(padded);
        if (!Activation)
        {
            return bn.forward(convolved);
        }

        using var normalized = bn.forward(convolved);
        return nn.functional.relu6(normalized);
    }

    /// <summary>Multiply-accumulates of one forward pass for an output map of the given size.</summary>
    public long MultiplyAccumulates(int outHeight, int outWidth) =>
        (long)outHeight * outWidth * OutChannels * (InChannels / Groups) * KernelSize * KernelSize;

    public long ParameterCount => ((long)OutChannels * (InChannels / Groups) * KernelSize * KernelSize) + (2L * OutChannels);
}
