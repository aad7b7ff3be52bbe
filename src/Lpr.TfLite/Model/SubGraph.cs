using System.Collections.Immutable;

namespace Lpr.TfLite.Model;

/// <summary>A graph of tensors and operators; subgraph 0 of a model is its main graph.</summary>
public sealed class SubGraph
{
    public SubGraph(
        ImmutableArray<TensorInfo> tensors,
        ImmutableArray<int> inputs,
        ImmutableArray<int> outputs,
        ImmutableArray<Operator> operators,
        string name = "")
    {
        Tensors = tensors.IsDefault ? [] : tensors;
        Inputs = inputs.IsDefault ? [] : inputs;
        Outputs = outputs.IsDefault ? [] : outputs;
        Operators = operators.IsDefault ? [] : operators;
        Name = name ?? string.Empty;
    }

    public ImmutableArray<TensorInfo> Tensors { get; }

    /// <summary>Tensor indices fed by the caller.</summary>
    public ImmutableArray<int> Inputs { get; }

    /// <summary>Tensor indices produced for the caller.</summary>
    public ImmutableArray<int> Outputs { get; }

    /// <summary>Operators in execution order.</summary>
    public ImmutableArray<Operator> Operators { get; }

    public string Name { get; }

    /// <summary>The input tensors, in input order.</summary>
    public IReadOnlyList<TensorInfo> InputTensors => [.. Inputs.Select(i => Tensors[i])];

    /// <summary>The output tensors, in output order.</summary>
    public IReadOnlyList<TensorInfo> OutputTensors => [.. Outputs.Select(i => Tensors[i])];
}
