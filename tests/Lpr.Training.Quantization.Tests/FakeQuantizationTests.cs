using CsCheck;
using Lpr.Training.Export;
using Lpr.Training.Quantization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

[Collection(SeededTorch.Name)]
public sealed class FakeQuantizationTests
{
    [Fact]
    public void Activations_land_on_the_int8_grid_of_their_range_within_half_a_step()
    {
        Gen.Select(Gen.Float[-8f, 0f], Gen.Float[0.01f, 8f], Gen.Float[-12f, 12f].Array[1, 64]).Sample((min, max, values) =>
        {
            var (scale, zeroPoint) = Int8Quantization.ForActivation(min, max);
            using var x = tensor(values);
            using var q = FakeQuantization.Activation(x, (min, max));
            var rounded = q.data<float>().ToArray();
            var (low, high) = (scale * (-128 - zeroPoint), scale * (127 - zeroPoint));
            for (var i = 0; i < values.Length; i++)
            {
                var level = (rounded[i] / scale) + zeroPoint;
                Assert.True(Math.Abs(level - MathF.Round(level)) < 1e-3f && level is >= -128.001f and <= 127.001f, $"{rounded[i]} is not an int8 level of scale {scale}, zero point {zeroPoint}");
                var expected = Math.Clamp(values[i], low, high);
                Assert.True(Math.Abs(rounded[i] - expected) <= (scale / 2) + 1e-5f, $"{values[i]} became {rounded[i]} (range [{low}, {high}], step {scale})");
            }
        });
    }

    [Fact]
    public void Rounding_passes_the_gradient_straight_through()
    {
        using var x = tensor(new[] { -0.37f, 0.011f, 0.5f, 2.49f }, requires_grad: true);
        using var q = FakeQuantization.PerTensor(x, 0.1f, 0);
        using var loss = (q * tensor(new[] { 1f, 2f, 3f, 4f })).sum();
        loss.backward();

        Assert.Equal([-0.4f, 0f, 0.5f, 2.5f], q.detach().data<float>().ToArray().Select(v => MathF.Round(v, 4)));
        Assert.Equal([1f, 2f, 3f, 4f], x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Simulated_weights_are_the_exported_int8_weights_times_their_channel_scales()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 12], Gen.Int).Sample((channels, perChannel, seed) =>
        {
            var random = new Random(seed);
            var weights = Enumerable.Range(0, channels * perChannel).Select(_ => (float)((random.NextDouble() * 2) - 1) * (float)Math.Pow(10, random.Next(-3, 2))).ToArray();
            var (values, scales) = Int8Quantization.PerChannelWeights(weights, channels);
            using var w = tensor(weights, [channels, perChannel]);
            using var q = FakeQuantization.PerChannelWeights(w);

            var simulated = q.data<float>().ToArray();
            for (var i = 0; i < weights.Length; i++)
            {
                var exported = values[i] * scales[i / perChannel];
                Assert.True(Math.Abs(simulated[i] - exported) <= 1e-6f * Math.Max(1f, Math.Abs(exported)), $"weight {i}: simulated {simulated[i]}, exported {exported}");
            }
        });
    }

    [Fact]
    public void A_simulated_constant_is_the_exported_int8_constant_on_its_own_range()
    {
        Gen.Float[-30f, 30f].Array[1, 256].Sample(values =>
        {
            var (exported, scale, zeroPoint) = Int8Quantization.PerTensorConstant(values);
            using var x = tensor(values);
            using var q = FakeQuantization.PerTensorConstant(x);

            var simulated = q.data<float>().ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                var dequantized = scale * (exported[i] - zeroPoint);
                Assert.True(Math.Abs(simulated[i] - dequantized) <= 1e-5f * Math.Max(1f, Math.Abs(dequantized)), $"value {values[i]}: simulated {simulated[i]}, exported {dequantized}");
                // Its own range: nothing is clipped, every value is within half a step.
                Assert.True(Math.Abs(dequantized - values[i]) <= (scale / 2) + 1e-5f, $"{values[i]} exported as {dequantized} (step {scale})");
            }
        });
    }
}
