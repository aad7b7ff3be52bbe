using Lpr.Training.Losses;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public class DetectorLossTests
{
    [Fact]
    public void Focal_loss_is_near_zero_for_a_confident_match_and_large_for_a_miss_and_a_false_peak()
    {
        using var target = zeros(1, 1, 6, 10);
        target[0, 0, 2, 3] = tensor(1f);
        target[0, 0, 2, 4] = tensor(0.6f);
        using var right = (target.eq(1f).to(ScalarType.Float32) * 24) - 12;  // +12 at the centre, −12 elsewhere
        using var missed = full(1, 1, 6, 10, -12f);
        using var wrongPlace = missed.clone();
        wrongPlace[0, 0, 5, 9] = tensor(12f);

        using var good = HeatmapFocalLoss.Compute(right, target);
        using var miss = HeatmapFocalLoss.Compute(missed, target);
        using var falsePeak = HeatmapFocalLoss.Compute(wrongPlace, target);

        Assert.InRange(good.item<float>(), 0f, 1e-3f);
        Assert.True(miss.item<float>() > 5f, $"missed centre loss {miss.item<float>()}");
        Assert.True(falsePeak.item<float>() > miss.item<float>(), "a confident false peak adds to the miss");
    }

    [Fact]
    public void Firing_next_to_a_centre_costs_less_than_firing_far_from_it()
    {
        using var target = zeros(1, 1, 6, 10);
        target[0, 0, 2, 3] = tensor(1f);
        target[0, 0, 2, 4] = tensor(0.8f);
        using var near = full(1, 1, 6, 10, -12f);
        near[0, 0, 2, 3] = tensor(12f);
        near[0, 0, 2, 4] = tensor(2f);
        using var far = full(1, 1, 6, 10, -12f);
        far[0, 0, 2, 3] = tensor(12f);
        far[0, 0, 5, 8] = tensor(2f);

        using var nearLoss = HeatmapFocalLoss.Compute(near, target);
        using var farLoss = HeatmapFocalLoss.Compute(far, target);

        Assert.True(nearLoss.item<float>() * 10 < farLoss.item<float>(), $"near {nearLoss.item<float>()} far {farLoss.item<float>()}");
    }

    [Fact]
    public void Corner_loss_is_zero_when_exact_ignores_unweighted_cells_and_is_relative_to_plate_size()
    {
        using var target = randn(1, 8, 4, 5);
        using var weight = zeros(1, 1, 4, 5);
        weight[0, 0, 1, 2] = tensor(1f);
        using var small = ones(1, 1, 4, 5);
        using var large = full(1, 1, 4, 5, 4f);
        using var offByOne = target + 1;
        using var wrongElsewhere = target.clone();
        wrongElsewhere[0, .., 3, 4] = tensor(100f);

        using var exact = CornerRegressionLoss.Compute(target, target, weight, small);
        using var elsewhere = CornerRegressionLoss.Compute(wrongElsewhere, target, weight, small);
        using var smallPlate = CornerRegressionLoss.Compute(offByOne, target, weight, small);
        using var largePlate = CornerRegressionLoss.Compute(offByOne, target, weight, large);

        Assert.Equal(0f, exact.item<float>(), 5);
        Assert.Equal(0f, elsewhere.item<float>(), 5);
        Assert.Equal(1f, smallPlate.item<float>(), 3);
        Assert.Equal(0.25f, largePlate.item<float>(), 3);
    }
}
