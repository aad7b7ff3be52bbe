using static TorchSharp.torch;

namespace Lpr.Training.Losses;

/// <summary>
/// L1 loss of the corner offsets at plate-centre cells, each error divided by its plate's height in
/// cells (IoU is scale-relative: half a pixel is much on a 3-pixel-high plate, nothing on a large one)
/// and weighted by the cell's Gaussian target; the mean over weighted coordinates.
/// </summary>
public static class CornerRegressionLoss
{
    /// <param name="predicted">[B, 8, h, w] corner offsets in cells.</param>
    /// <param name="target">[B, 8, h, w] target offsets.</param>
    /// <param name="weight">[B, 1, h, w] 0 where no corners are learned.</param>
    /// <param name="scale">[B, 1, h, w] plate height in cells (positive everywhere).</param>
    public static Tensor Compute(Tensor predicted, Tensor target, Tensor weight, Tensor scale)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(scale);
        using var scope = NewDisposeScope();
        var error = (predicted - target).abs() * (weight / scale);
        var normalizer = (weight.sum() * predicted.shape[1]) + 1e-4f;
        return (error.sum() / normalizer).MoveToOuterDisposeScope();
    }
}
