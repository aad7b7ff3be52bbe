using System.Collections.Immutable;

namespace Lpr.TfLite.Model;

/// <summary>
/// One node of a subgraph, in execution order. Inputs and outputs are tensor indices of the subgraph;
/// an optional input that is absent is -1 (e.g. a convolution without bias).
/// </summary>
#pragma warning disable CA1716 // Named after the schema's Operator table; this library targets C# callers.
public sealed class Operator
#pragma warning restore CA1716
{
    public Operator(
        int index,
        int opcodeIndex,
        ImmutableArray<int> inputs,
        ImmutableArray<int> outputs,
        OperatorOptions? options = null,
        ReadOnlyMemory<byte> customOptions = default,
        ImmutableArray<int> intermediates = default)
    {
        Index = index;
        OpcodeIndex = opcodeIndex;
        Inputs = inputs.IsDefault ? [] : inputs;
        Outputs = outputs.IsDefault ? [] : outputs;
        Options = options;
        CustomOptions = customOptions;
        Intermediates = intermediates.IsDefault ? [] : intermediates;
    }

    /// <summary>Position of this operator in its subgraph (execution order).</summary>
    public int Index { get; }

    /// <summary>Index into <see cref="TfLiteModel.OperatorCodes"/>.</summary>
    public int OpcodeIndex { get; }

    public ImmutableArray<int> Inputs { get; }

    public ImmutableArray<int> Outputs { get; }

    /// <summary>Typed builtin options, or null when the operator has none.</summary>
    public OperatorOptions? Options { get; }

    /// <summary>Opaque options of custom operators (usually FlexBuffers), empty otherwise.</summary>
    public ReadOnlyMemory<byte> CustomOptions { get; }

    /// <summary>Tensors internal to the operator (used by LSTM-like ops); usually empty.</summary>
    public ImmutableArray<int> Intermediates { get; }

    /// <summary>The typed options, or an exception naming the operator when they are missing or of another type.</summary>
    public T GetOptions<T>()
        where T : OperatorOptions =>
        Options as T ?? throw new InvalidOperationException(
            $"Operator {Index} has {(Options is null ? "no builtin options" : Options.GetType().Name)}, expected {typeof(T).Name}.");
}
