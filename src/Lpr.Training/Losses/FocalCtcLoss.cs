using TorchSharp;
using static TorchSharp.torch;

namespace Lpr.Training.Losses;

/// <summary>
/// Focal CTC: per-sample CTC loss L scaled by alpha·(1 − e^−L)^gamma, so plates the model already
/// reads well (e^−L, the probability of the right label, near 1) contribute little and hard ones
/// (rare Hangul, regions, heavy degradations) dominate the gradient.
/// </summary>
public sealed class FocalCtcLoss(int blank, double alpha = 0.8, double gamma = 3.0)
{
    public int Blank { get; } = blank;

    public double Alpha { get; } = alpha;

    public double Gamma { get; } = gamma;

    /// <param name="logits">[B, T, C] unnormalized scores.</param>
    /// <param name="targets">[sum of target lengths] concatenated class indices (int64).</param>
    /// <param name="targetLengths">[B] label lengths (int64).</param>
    /// <returns>Scalar mean focal CTC loss.</returns>
    public Tensor Compute(Tensor logits, Tensor targets, Tensor targetLengths)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var (batch, steps) = (logits.shape[0], logits.shape[1]);
        var logProbs = logits.log_softmax(-1).permute(1, 0, 2); // [T, B, C] as ctc_loss wants
        var inputLengths = full(batch, steps, dtype: ScalarType.Int64);
        var perSample = nn.functional.ctc_loss(logProbs, targets, inputLengths, targetLengths, Blank, zero_infinity: true, reduction: nn.Reduction.None);
        var probability = (-perSample).exp();
        var focal = Alpha * (1 - probability).pow(Gamma) * perSample;
        return focal.mean().MoveToOuterDisposeScope();
    }

    /// <summary>Plain mean CTC loss (no focal weighting), for reporting comparable numbers.</summary>
    public Tensor Plain(Tensor logits, Tensor targets, Tensor targetLengths)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var logProbs = logits.log_softmax(-1).permute(1, 0, 2);
        var inputLengths = full(logits.shape[0], logits.shape[1], dtype: ScalarType.Int64);
        return nn.functional.ctc_loss(logProbs, targets, inputLengths, targetLengths, Blank, zero_infinity: true, reduction: nn.Reduction.None)
            .mean().MoveToOuterDisposeScope();
    }
}
