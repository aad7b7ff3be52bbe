namespace Lpr.TfLite.Interpreter;

/// <summary>Settings of a <see cref="ManagedInterpreter"/>.</summary>
public sealed record ManagedInterpreterOptions
{
    /// <summary>Use the vectorized kernels (default). False runs the plain reference loops (for tests and debugging).</summary>
    public bool UseSimd { get; init; } = true;
}
