using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Losses;

/// <summary>
/// CenterNet's penalty-reduced pixel-wise focal loss on the plate-centre heatmap: at centre cells
/// (target 1) −(1−p)^α·log p, elsewhere −(1−y)^β·p^α·log(1−p), so cells near a centre (y close to 1
/// under the Gaussian) are barely punished for firing; summed and divided by the number of centres.
/// Log-probabilities come from logsigmoid, which stays finite for confident logits.
/// </summary>
public static class HeatmapFocalLoss
{
    /// <param name="logits">[B, 1, h, w] heatmap logits.</param>
    /// <param name="target">[B, 1, h, w] Gaussian targets, exactly 1 at plate centres.</param>
    public static Tensor Compute(Tensor logits, Tensor target, double alpha = 2, double beta = 4)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var probability = logits.sigmoid();
        var logP = nn.functional.logsigmoid(logits);
        var logNotP = nn.functional.logsigmoid(-logits);
        var positive = target.ge(1f).to(ScalarType.Float32);
        var positiveLoss = (1 - probability).pow(alpha) * logP * positive;
        var negativeLoss = (1 - target).pow(beta) * probability.pow(alpha) * logNotP * (1 - positive);
        var centres = positive.sum().clamp_min(1f);
        return (-(positiveLoss.sum() + negativeLoss.sum()) / centres).MoveToOuterDisposeScope();
    }
}
