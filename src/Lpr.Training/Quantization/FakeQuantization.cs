using Lpr.Training.Export;
using TorchSharp;
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
        // Explicit scalars, alive until the calls that read them return (see tests/Lpr.Training.Quantization.Tests/AssemblyInfo.cs).
        using Scalar step = scale, zero = zeroPoint, low = -128, high = 127;
        var q = x.div(step).round_().add_(zero).clamp_(low, high).sub_(zero).mul_(step);
        return StraightThrough(x, q);
    }

    /// <summary>Per-tensor int8 of a calibrated float range (see <see cref="Int8Quantization.ForActivation"/>).</summary>
    public static Tensor Activation(Tensor x, (float Min, float Max) range)
    {
        var (scale, zeroPoint) = Int8Quantization.ForActivation(range.Min, range.Max);
        return PerTensor(x, scale, zeroPoint);
    }

    /// <summary>A constant operand quantized per tensor over its own range, as <see cref="Int8Quantization.PerTensorConstant"/> exports it.</summary>
    public static Tensor PerTensorConstant(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        float min, max;
        using (no_grad())
        {
            (min, max) = (x.min().item<float>(), x.max().item<float>());
        }

        return Activation(x, (min, max));
    }

    /// <summary>
    /// Per-output-channel symmetric int8 of convolution weights [Out, …]: scale = max|w|/127 per channel,
    /// as <see cref="Int8Quantization.PerChannelWeights"/> exports them.
    /// </summary>
    public static Tensor PerChannelWeights(Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var noGrad = no_grad();
        using Scalar levels = 127f, smallest = 1e-8f, low = -127, high = 127;
        var flat = weights.detach().flatten(1);
        var scales = flat.abs().amax([1], keepdim: true).div_(levels).clamp_min_(smallest);
        var q = flat.div(scales).round_().clamp_(low, high).mul_(scales).view(weights.shape);
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
