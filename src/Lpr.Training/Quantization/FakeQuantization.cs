using Lpr.Training.Export;
using static TorchSharp.torch;

namespace Lpr.Training.Quantization;

/// <summary>
/// int8 rounding simulated in float ("fake quantization"): the forward pass sees exactly the values the
/// int8 model can represent, the backward pass treats the rounding as identity (the straight-through
/// estimator), so training can adapt the weights to the grid the export will put them on.
/// </summary>
public static class FakeQuantization
{
    /// <summary>
    /// Per-tensor asymmetric int8 at (<paramref name="scale"/>, <paramref name="zeroPoint"/>): values clamp to
    /// [scale·(−128 − zp), scale·(127 − zp)] and round to the nearest step, as the int8 kernels requantize.
    /// </summary>
    public static Tensor PerTensor(Tensor x, float scale, int zeroPoint)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        using var noGrad = no_grad();
        var q = (x / scale).round().add_(zeroPoint).clamp_(-128, 127).sub_(zeroPoint).mul_(scale);
        return StraightThrough(x, q);
    }

    /// <summary>Per-tensor int8 of a calibrated float range (see <see cref="Int8Quantization.ForActivation"/>).</summary>
    public static Tensor Activation(Tensor x, (float Min, float Max) range)
    {
        var (scale, zeroPoint) = Int8Quantization.ForActivation(range.Min, range.Max);
        return PerTensor(x, scale, zeroPoint);
    }

    /// <summary>
    /// Per-output-channel symmetric int8 of convolution weights [Out, …]: scale = max|w|/127 per channel,
    /// as <see cref="Int8Quantization.PerChannelWeights"/> exports them.
    /// </summary>
    public static Tensor PerChannelWeights(Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var noGrad = no_grad();
        var flat = weights.detach().flatten(1);
        var scales = flat.abs().amax([1], keepdim: true).div_(127f).clamp_min_(1e-8f);
        var q = (flat / scales).round().clamp_(-127, 127).mul_(scales).view(weights.shape);
        return StraightThrough(weights, q);
    }

    /// <summary>The forward value <paramref name="quantized"/> with the gradient of <paramref name="x"/>: x + (q − x) with the difference detached.</summary>
    private static Tensor StraightThrough(Tensor x, Tensor quantized)
    {
        if (!x.requires_grad)
        {
            return quantized;
        }

        using var enableGrad = enable_grad();
        using var difference = quantized - x.detach();
        return x + difference;
    }
}
