using Lpr.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

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

    /// <summary>
    /// The float convolution as the exported graph computes it (TensorFlow "SAME" padding, fused
    /// ReLU6); <paramref name="observe"/> sees the result under <see cref="Name"/>.
    /// </summary>
    public Tensor Forward(Tensor x, Action<string, Tensor>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var weight = tensor(Weight, [OutChannels, InChannels / Groups, KernelSize, KernelSize]);
        var y = nn.functional.conv2d(SamePadding.Apply(x, KernelSize, Stride), weight, tensor(Bias), strides: [Stride, Stride], groups: Groups);
        if (Relu6)
        {
            y = nn.functional.relu6(y);
        }

        observe?.Invoke(Name, y);
        return y;
    }
}

/// <summary>One bottleneck block after folding: its convolutions in order, and whether it adds its input.</summary>
public sealed record FoldedBlock(IReadOnlyList<FoldedConv> Layers, bool Residual)
{
    /// <summary>The block in float as exported (residual ADD observed as <c>{last layer}.add</c>).</summary>
    public Tensor Forward(Tensor x, Action<string, Tensor>? observe = null)
    {
        var blockInput = x;
        foreach (var layer in Layers)
        {
            x = layer.Forward(x, observe);
        }

        if (Residual)
        {
            x = x + blockInput;
            observe?.Invoke(Layers[^1].Name + ".add", x);
        }

        return x;
    }

    /// <summary>Folds a trained block; layers are named <c>{prefix}.{j}.expand|dw|project</c> as the exporters' tensors.</summary>
    public static FoldedBlock From(InvertedResidual block, string prefix)
    {
        ArgumentNullException.ThrowIfNull(block);
        var names = LayerNames(block, prefix);
        return new FoldedBlock([.. block.Layers.Select((layer, j) => BatchNormFolding.Fold(layer, names[j]))], block.HasResidual);
    }

    /// <summary>The exported names of a block's layers: <c>{prefix}.{j}.expand|dw|project</c>.</summary>
    public static string[] LayerNames(InvertedResidual block, string prefix)
    {
        ArgumentNullException.ThrowIfNull(block);
        var layers = block.Layers;
        return [.. layers.Select((layer, j) => $"{prefix}.{j}.{(layer.IsDepthwise ? "dw" : j == 0 && layers.Count == 3 ? "expand" : "project")}")];
    }
}
