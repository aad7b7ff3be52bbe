using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Losses;

/// <summary>
/// Auxiliary segmentation loss: soft dice + binary cross-entropy between the predicted
/// character-foreground map and the generator's character masks (resampled to the feature map).
/// Dice balances the small foreground area; BCE gives smooth per-pixel gradients.
/// </summary>
public static class MaskLoss
{
    /// <param name="maskLogits">[B, 1, H, W] logits.</param>
    /// <param name="target">[B, 1, H, W] coverage in [0, 1].</param>
    public static Tensor Compute(Tensor maskLogits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(maskLogits);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var bce = nn.functional.binary_cross_entropy_with_logits(maskLogits, target);
        var probability = maskLogits.sigmoid().flatten(1);
        var flatTarget = target.flatten(1);
        const double smooth = 1.0;
        var intersection = (probability * flatTarget).sum(1);
        var dice = 1 - (((2 * intersection) + smooth) / (probability.sum(1) + flatTarget.sum(1) + smooth));
        return (bce + dice.mean()).MoveToOuterDisposeScope();
    }
}
