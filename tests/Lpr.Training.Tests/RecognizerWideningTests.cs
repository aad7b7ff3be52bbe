using Lpr.Training.Model;
using Lpr.Training.Optimization;
using static TorchSharp.torch;

namespace Lpr.Training.Tests;

public sealed class RecognizerWideningTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lpr-widen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_widened_recognizer_computes_what_the_narrower_one_did()
    {
        using var narrow = RecognizerModels.Create("default");
        using var wide = new PlateRecognizerNet(RecognizerArchitecture.Wide);

        AssertWideningKeepsTheFunction(narrow, wide, seed: 5);

        Assert.True(wide.InferenceParameterCount > narrow.InferenceParameterCount + 10_000, $"{wide.InferenceParameterCount} vs {narrow.InferenceParameterCount}");
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("default")]
    public void A_slot_layer_the_source_lacks_starts_as_the_identity_so_the_function_is_unchanged(string from)
    {
        using var source = RecognizerModels.Create(from);
        using var target = new PlateRecognizerNet(RecognizerArchitecture.WideSlot);

        AssertWideningKeepsTheFunction(source, target, seed: 9);

        using var identity = eye(96);
        Assert.True(target.SlotLayer!.weight!.allclose(identity, rtol: 0, atol: 0), "the slot layer's weights are not the identity");
        Assert.Equal(0f, target.SlotLayer.bias!.abs().max().item<float>());
    }

    [Fact]
    public void The_copies_of_a_channel_split_its_outgoing_weights_unevenly_so_training_can_tell_them_apart()
    {
        using var narrow = RecognizerModels.Create("default");
        using var wide = new PlateRecognizerNet(RecognizerArchitecture.Wide);

        RecognizerWidening.Widen(narrow, wide, seed: 5);

        // Block 5 doubles 64 expanded channels to 128: each original channel has exactly one copy among channels 64-127.
        using var noGrad = no_grad();
        var narrowProject = narrow.Blocks[4].Layers[^1].Conv.weight!;
        var wideProject = wide.Blocks[4].Layers[^1].Conv.weight!;
        using var original = narrowProject[.., 0].flatten();
        var shares = Enumerable.Range(0, 128)
            .Where(c => wide.Blocks[4].Layers[^2].Conv.weight![c].allclose(narrow.Blocks[4].Layers[^2].Conv.weight![0]))
            .Select(c => wideProject[.., c].flatten().div(original).mean().item<float>())
            .ToArray();
        Assert.Equal(2, shares.Length);
        Assert.Equal(1f, shares.Sum(), 3);
        Assert.True(Math.Abs(shares[0] - shares[1]) > 1e-3, $"shares {shares[0]} and {shares[1]} are even");
    }

    [Theory]
    [InlineData("tiny", "wide", "the stem")]
    [InlineData("wide", "default", "fewer in the target")]
    [InlineData("positional", "wide", "position bias")]
    [InlineData("wide-slot", "wide", "slot layer")]
    public void A_target_that_is_not_a_widening_is_refused_naming_the_difference(string from, string to, string named)
    {
        using var source = new PlateRecognizerNet(new TrainingOptions { Architecture = from }.ResolveArchitecture());
        using var target = new PlateRecognizerNet(new TrainingOptions { Architecture = to }.ResolveArchitecture());

        var error = Assert.Throws<ArgumentException>(() => RecognizerWidening.Widen(source, target, seed: 1));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_without_an_expansion_layer_is_not_widened()
    {
        var narrow = RecognizerArchitecture.Default;
        var widerFirstBlock = narrow with { Blocks = [new(3, 16, 8, 2), .. narrow.Blocks.Skip(1)] };

        var error = Assert.Throws<ArgumentException>(() => RecognizerWidening.RequireWidening(narrow, widerFirstBlock));
        Assert.Contains("block 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_initial_architecture_without_initial_weights_is_rejected_naming_the_key()
    {
        var options = new TrainingOptions { Architecture = "wide", InitialArchitecture = "default" };

        var error = Assert.Throws<TrainingOptionException>(options.Validate);
        Assert.Contains("InitialArchitecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_initial_architecture_that_cannot_grow_into_the_run_is_rejected_before_training()
    {
        var weights = Path.Combine(directory, "best.weights");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(weights, [1]);
        var options = new TrainingOptions { Architecture = "default", InitialArchitecture = "wide", InitialWeights = weights };

        var error = Assert.Throws<TrainingOptionException>(options.Validate);
        Assert.Contains("InitialArchitecture", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wide' cannot grow into 'default'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_widened_from_a_trained_default_model_starts_where_that_model_ended()
    {
        var options = RecognizerSmoke.Options(60) with { Architecture = "default", ValidateEvery = 30 };
        var (train, validation) = RecognizerSmoke.Glyphs(options);
        var baseRun = new RecognizerTrainer(options, train, validation, directory);
        var baseLosses = new List<double>();
        baseRun.Run(resume: false, new SynchronousProgress<TrainingProgress>(p => baseLosses.Add(p.Loss)), TestContext.Current.CancellationToken);
        var widened = options with { Architecture = "wide", InitialArchitecture = "default", InitialWeights = baseRun.Store.BestWeights, Steps = 10, Seed = 2 };
        var widenedLosses = new List<double>();

        var result = new RecognizerTrainer(widened, train, validation, Path.Combine(directory, "wide"))
            .Run(resume: false, new SynchronousProgress<TrainingProgress>(p => widenedLosses.Add(p.Loss)), TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        FineTuneAssert.StartsFromTrainedWeights(baseLosses, widenedLosses);
        using var saved = CheckpointStore.LoadModel(Path.Combine(directory, "wide", "last.weights"), RecognizerArchitecture.Wide);
        Assert.Equal(96, saved.Architecture.FeatureChannels);
    }

    /// <summary>Widens <paramref name="source"/> into <paramref name="target"/> and checks both compute the same outputs, which the target's own weights did not.</summary>
    private static void AssertWideningKeepsTheFunction(PlateRecognizerNet source, PlateRecognizerNet target, int seed)
    {
        source.eval();
        target.eval();
        using var input = rand(4, 1, 64, 128);
        using var before = target.forward(input).Logits;

        RecognizerWidening.Widen(source, target, seed);

        using var expected = source.forward(input);
        using var actual = target.forward(input);
        AssertClose(expected.Logits, actual.Logits, "logits");
        AssertClose(expected.Attention, actual.Attention, "attention masks");
        AssertClose(expected.MaskLogits, actual.MaskLogits, "auxiliary mask logits");
        Assert.False(before.allclose(actual.Logits, rtol: 1e-3, atol: 1e-3), "the widening left the target's own weights in place");
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        using var difference = (expected - actual).abs().max();
        using var scale = expected.abs().max();
        var relative = difference.item<float>() / Math.Max(1e-6f, scale.item<float>());
        Assert.True(relative < 1e-4, $"{what} differ by {difference.item<float>()} (scale {scale.item<float>()})");
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
