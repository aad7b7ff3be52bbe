using Lpr.Training.Model;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public class DetectorBudgetTests
{
    [Fact]
    public void Default_detector_stays_within_parameter_and_compute_budget()
    {
        using var model = new PlateDetectorNet(DetectorArchitecture.Default);

        TestContext.Current.TestOutputHelper?.WriteLine($"detector: {model.ParameterCount} parameters, {model.MultiplyAccumulates() / 1e6:F1}M multiply-accumulates per 320x192 frame");
        // Budget: ≤ 100K parameters and ≤ 150M MACs, so a downscaled 720p frame runs in ≤ 15 ms on one core.
        Assert.InRange(model.ParameterCount, 10_000, 100_000);
        Assert.InRange(model.MultiplyAccumulates(), 10_000_000, 150_000_000);
    }

    [Fact]
    public void Default_detector_maps_320x192_to_a_40x24_grid_of_heatmap_logits_and_8_corner_offsets()
    {
        using var model = new PlateDetectorNet(DetectorArchitecture.Default);
        model.eval();
        using var input = rand(2, 1, 192, 320);

        using var output = model.forward(input);

        Assert.Equal(8, DetectorArchitecture.Default.OutputStride);
        Assert.Equal([2L, 1, 24, 40], output.HeatmapLogits.shape);
        Assert.Equal([2L, 8, 24, 40], output.Corners.shape);
        // The prior bias: an untrained detector believes in few plates (sigmoid(−2.19) ≈ 0.1), far below 0.5.
        using var mean = output.HeatmapLogits.sigmoid().mean();
        Assert.True(mean.item<float>() < 0.5f, $"mean initial heatmap probability {mean.item<float>()}");
    }

    [Fact]
    public void Wrong_input_shape_is_rejected_with_the_expected_shape_named()
    {
        using var model = new PlateDetectorNet(DetectorArchitecture.Default);
        using var input = rand(1, 1, 180, 320);

        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("[B, 1, 192, 320]", error.Message);
    }

    [Fact]
    public void Architecture_whose_context_stride_does_not_divide_the_input_is_rejected()
    {
        var odd = DetectorArchitecture.Default with { InputHeight = 184 };

        var error = Assert.Throws<ArgumentException>(odd.Validate);
        Assert.Contains("not divisible", error.Message);
    }
}
