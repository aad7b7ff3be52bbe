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
    private readonly bool symmetricPadding;

    public ConvBnRelu6(string name, int inChannels, int outChannels, int kernelSize, int stride, int groups, bool activation)
        : base(name)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Groups = groups;
        Activation = activation;
        // TensorFlow "SAME" padding is symmetric for stride 1 (odd kernels): let the convolution pad
        // itself instead of copying the activations through an explicit pad every step (same result,
        // one large copy less forward and backward). Strided layers pad asymmetrically, explicitly.
        symmetricPadding = SamePadding.IsSymmetric(kernelSize, stride);
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: symmetricPadding ? kernelSize / 2 : 0L, groups: groups, bias: false);
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
        using var convolved = symmetricPadding ? conv.forward(input) : ConvolvePadded(input);
        var normalized = bn.forward(convolved);
        // In place: BatchNorm's backward needs its input, not its output, and ReLU6's backward
        // needs only its own output, so no extra activation-sized tensor is allocated per layer.
        return Activation ? nn.functional.relu6(normalized, inplace: true) : normalized;
    }

    /// <summary>Multiply-accumulates of one forward pass for an output map of the given size.</summary>
    private Tensor ConvolvePadded(Tensor input)
    {
        using var padded = SamePadding.Apply(input, KernelSize, Stride);
        return conv.forward(padded);
    }

    public long MultiplyAccumulates(int outHeight, int outWidth) =>
        (long)outHeight * outWidth * OutChannels * (InChannels / Groups) * KernelSize * KernelSize;

    public long ParameterCount => ((long)OutChannels * (InChannels / Groups) * KernelSize * KernelSize) + (2L * OutChannels);
}
