using Lpr.Training.Model;
using Lpr.Training.Optimization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public class RecognizerBudgetTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("positional")]
    [InlineData("wide")]
    [InlineData("wide-slot")]
    public void Model_stays_within_parameter_and_compute_budget(string architecture)
    {
        using var model = new PlateRecognizerNet(new TrainingOptions { Architecture = architecture }.ResolveArchitecture());

        TestContext.Current.TestOutputHelper?.WriteLine($"{architecture}: {model.InferenceParameterCount} parameters, {model.InferenceMultiplyAccumulates() / 1e6:F2}M multiply-accumulates");
        // Issue targets: ≤ 60K parameters, ≤ 15 MFLOPs (counted as multiply-accumulates).
        Assert.InRange(model.InferenceParameterCount, 10_000, 60_000);
        Assert.InRange(model.InferenceMultiplyAccumulates(), 1_000_000, 15_000_000);
    }

    [Fact]
    public void Default_model_maps_64x128_to_an_8x16_feature_map_and_16_slots_of_68_classes()
    {
        using var model = new PlateRecognizerNet(RecognizerArchitecture.Default);
        model.eval();
        using var input = rand(2, 1, 64, 128);

        using var features = model.Features(input);
        using var output = model.forward(input);

        Assert.Equal([2L, 64, 8, 16], features.shape);
        Assert.Equal([2L, 16, 68], output.Logits.shape);
        Assert.Equal([2L, 16, 128], output.Attention.shape);
        Assert.Equal([2L, 1, 8, 16], output.MaskLogits.shape);
        using var maskSums = output.Attention.sum(-1);
        Assert.True(maskSums.allclose(ones_like(maskSums), rtol: 1e-4, atol: 1e-4), "each attention mask is a softmax over the map");
    }

    [Fact]
    public void Wrong_input_shape_is_rejected_with_the_expected_shape_named()
    {
        using var model = new PlateRecognizerNet(RecognizerArchitecture.Default);
        using var input = rand(1, 1, 32, 128);

        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("[B, 1, 64, 128]", error.Message);
    }

    [Fact]
    public void Architecture_whose_stride_does_not_divide_the_input_is_rejected()
    {
        var odd = RecognizerArchitecture.Default with { InputHeight = 60 };

        var error = Assert.Throws<ArgumentException>(odd.Validate);
        Assert.Contains("not divisible", error.Message);
    }
}
