namespace Lpr.Training.Export;

/// <summary>
/// A convolution with its BatchNorm folded in: y = conv(x, W') + b', W' = W·γ/√(σ²+ε),
/// b' = β − μ·γ/√(σ²+ε). Weights in PyTorch layout [Out, In/Groups, K, K].
/// </summary>
public sealed record FoldedConv(string Name, float[] Weight, float[] Bias, int InChannels, int OutChannels, int KernelSize, int Stride, int Groups, bool Relu6)
{
    public bool IsDepthwise => Groups > 1;

    public float WeightAt(int output, int input, int y, int x) =>
        Weight[(((output * (InChannels / Groups)) + input) * KernelSize * KernelSize) + (y * KernelSize) + x];
}

/// <summary>One bottleneck block after folding: its convolutions in order, and whether it adds its input.</summary>
public sealed record FoldedBlock(IReadOnlyList<FoldedConv> Layers, bool Residual);
