namespace Lpr.TfLite.Interpreter;

/// <summary>Settings of a <see cref="ManagedInterpreter"/>.</summary>
public sealed record ManagedInterpreterOptions
{
    /// <summary>
    /// The default <see cref="MaxArenaBytes"/>, 256 MiB: orders of magnitude above what a plate recognizer
    /// or a MobileNet-sized detector needs, yet small enough for a Raspberry Pi to survive a hostile model.
    /// </summary>
    public const int DefaultMaxArenaBytes = 256 * 1024 * 1024;

    /// <summary>Use the vectorized kernels (default). False runs the plain reference loops (for tests and debugging).</summary>
    public bool UseSimd { get; init; } = true;

    /// <summary>
    /// With <see cref="UseSimd"/>: the instructions of the dot products (default the best this CPU has). Portable runs
    /// the Vector128 path that CPUs without AVX2 or NEON take, so x64 CI checks it too.
    /// </summary>
    public SimdPath SimdPath { get; init; } = SimdPath.Best;

    /// <summary>
    /// The memory budget of one interpreter in bytes: the activation arena (every non-constant tensor,
    /// lifetimes overlapped) plus the operators' scratch tables that grow with tensor sizes. A model that
    /// needs more (one tensor alone, the planned arena, or the scratch on top of it) fails at load with a
    /// <see cref="Format.ModelFormatException"/> naming the tensor or operator and the sizes, before
    /// anything that large is allocated. Constants are not counted: the model file already holds them.
    /// </summary>
    public int MaxArenaBytes { get; init; } = DefaultMaxArenaBytes;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(SimdPath))
        {
            throw new ArgumentException($"SimdPath must be {nameof(SimdPath.Best)} or {nameof(SimdPath.Portable)} (was {(int)SimdPath}).", nameof(SimdPath));
        }

        if (MaxArenaBytes is < 1 || MaxArenaBytes > Array.MaxLength)
        {
            throw new ArgumentException($"MaxArenaBytes must be between 1 and {Array.MaxLength} (was {MaxArenaBytes}).", nameof(MaxArenaBytes));
        }
    }
}
