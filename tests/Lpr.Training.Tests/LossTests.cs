using Lpr.Training.Losses;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public class LossTests
{
    private const int Blank = 67;

    [Fact]
    public void Focal_ctc_is_near_zero_for_a_confident_correct_alignment_and_large_for_a_wrong_one()
    {
        var loss = new FocalCtcLoss(Blank);
        using var targets = tensor(new long[] { 3, 5 });
        using var lengths = tensor(new long[] { 2 });

        using var right = Alignment([3, Blank, 5, Blank]);
        using var wrong = Alignment([7, Blank, 9, Blank]);
        using var rightLoss = loss.Compute(right, targets, lengths);
        using var wrongLoss = loss.Compute(wrong, targets, lengths);

        Assert.InRange(rightLoss.item<float>(), 0f, 1e-3f);
        Assert.True(wrongLoss.item<float>() > 1f, $"wrong alignment loss {wrongLoss.item<float>()}");
    }

    [Fact]
    public void Focal_weighting_never_exceeds_alpha_times_plain_ctc()
    {
        var loss = new FocalCtcLoss(Blank, alpha: 0.8, gamma: 3);
        manual_seed(3);
        using var logits = randn(4, 16, 68);
        using var targets = tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
        using var lengths = tensor(new long[] { 3, 3, 3, 3 });

        using var focal = loss.Compute(logits, targets, lengths);
        using var plain = loss.Plain(logits, targets, lengths);

        Assert.True(focal.item<float>() <= (0.8f * plain.item<float>()) + 1e-4f);
        Assert.True(focal.item<float>() > 0f);
    }

    [Fact]
    public void Mask_loss_prefers_the_matching_mask()
    {
        using var target = zeros(1, 1, 8, 16);
        target[.., .., 2..6, 3..12] = tensor(1f);
        using var matching = (target * 20) - 10;
        using var inverted = 10 - (target * 20);

        using var good = MaskLoss.Compute(matching, target);
        using var bad = MaskLoss.Compute(inverted, target);

        Assert.True(good.item<float>() < 0.05f, $"matching mask loss {good.item<float>()}");
        Assert.True(bad.item<float>() > 1f, $"inverted mask loss {bad.item<float>()}");
    }

    /// <summary>Logits [1, T, 68] that put almost all probability on the given class per slot.</summary>
    private static Tensor Alignment(int[] classes)
    {
        var logits = full(1, classes.Length, 68, -20f);
        for (var t = 0; t < classes.Length; t++)
        {
            logits[0, t, classes[t]] = tensor(20f);
        }

        return logits;
    }
}
