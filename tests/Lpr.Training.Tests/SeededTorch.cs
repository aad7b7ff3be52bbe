namespace Lpr.Training.Tests;

/// <summary>
/// Tests that seed libtorch's process-wide generator and depend on what it draws next (initial weights
/// of runs compared byte for byte, exports of seeded models) run alone: xunit runs test classes in
/// parallel, and another class drawing between a seed and a model's creation changes the weights.
/// The allocation-heavy quantization tests run here too: TorchSharp 0.107 lets the GC finalize the Scalar it
/// converts implicitly (the alpha of <c>a + b</c>) while the native call that reads it still runs, and with
/// them in parallel a detector test's <c>+</c> failed in about half the runs ("toFloat", Scalar.h:140).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededTorch
{
    public const string Name = "seeded torch";
}
