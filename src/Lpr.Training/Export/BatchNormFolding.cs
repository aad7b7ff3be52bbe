using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>Folds a trained <see cref="ConvBnRelu6"/> into one <see cref="FoldedConv"/> (what every exporter starts from).</summary>
public static class BatchNormFolding
{
    /// <summary>W' = W·γ/√(σ²+ε), b' = β − μ·γ/√(σ²+ε) with the running (evaluation) statistics.</summary>
    public static FoldedConv Fold(ConvBnRelu6 layer, string name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var bn = layer.Norm;
        var scale = Floats(bn.weight!);
        var shift = Floats(bn.bias!);
        var mean = Floats(bn.running_mean!);
        var variance = Floats(bn.running_var!);
        var weight = Floats(layer.Conv.weight!);
        var perOutput = weight.Length / layer.OutChannels;
        var bias = new float[layer.OutChannels];
        for (var o = 0; o < layer.OutChannels; o++)
        {
            var factor = scale[o] / MathF.Sqrt(variance[o] + (float)bn.eps);
            for (var k = 0; k < perOutput; k++)
            {
                weight[(o * perOutput) + k] *= factor;
            }

            bias[o] = shift[o] - (mean[o] * factor);
        }

        return new FoldedConv(name, weight, bias, layer.InChannels, layer.OutChannels, layer.KernelSize, layer.Stride, layer.Groups, layer.Activation);
    }

    /// <summary>A parameter's values as a flat float array (PyTorch layout).</summary>
    public static float[] Floats(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.detach().cpu().contiguous().data<float>().ToArray();
    }
}
