namespace Lpr.Training.Tests;

/// <summary>
/// Tests that seed libtorch's process-wide generator and depend on what it draws next (initial weights
/// of runs compared byte for byte, exports of seeded models) run alone: xunit runs test classes in
/// parallel, and another class drawing between a seed and a model's creation changes the weights.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededTorch
{
    public const string Name = "seeded torch";
}
