namespace Lpr.TfLite.Model;

/// <summary>
/// Size and cost figures of a model's main graph, as `lpr model inspect` prints them.
/// </summary>
/// <param name="OperatorHistogram">Operator name → count, most frequent first.</param>
/// <param name="ParameterCount">Elements of constant weights and biases (shape/axis operands excluded).</param>
/// <param name="ParameterBytes">Bytes of those constants.</param>
/// <param name="MultiplyAccumulates">MACs of one inference in CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, BATCH_MATMUL and TRANSPOSE_CONV.</param>
/// <param name="ArenaBytes">
/// Peak bytes of activations alive at once when each tensor lives from the operator writing it to the
/// last operator reading it (16-byte aligned): the arena a lifetime-planning interpreter needs at least.
/// </param>
/// <param name="ActivationBytes">Bytes of all activations without reuse (the arena of a naive planner).</param>
public sealed record ModelStatistics(
    IReadOnlyList<KeyValuePair<string, int>> OperatorHistogram,
    long ParameterCount,
    long ParameterBytes,
    long MultiplyAccumulates,
    long ArenaBytes,
    long ActivationBytes)
{
    private const int Alignment = 16;

    public static ModelStatistics Compute(TfLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.MainGraph;

        var histogram = graph.Operators
            .GroupBy(op => model.GetOperatorCode(op).Name)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

        var parameters = new HashSet<int>();
        long macs = 0;
        foreach (var op in graph.Operators)
        {
            var builtin = model.GetOperatorCode(op).Builtin;
            macs += OperatorMacs(graph, op, builtin);
            for (var i = 0; i < op.Inputs.Length; i++)
            {
                var index = op.Inputs[i];
                if (index < 0 || !graph.Tensors[index].IsConstant)
                {
                    continue;
                }

                var tensor = graph.Tensors[index];
                var isIndexOperand = tensor.Type is TensorType.Int32 or TensorType.Int64 && !IsBiasInput(builtin, i);
                if (!isIndexOperand)
                {
                    parameters.Add(index);
                }
            }
        }

        var (arena, total) = PlanActivations(graph);
        return new ModelStatistics(
            histogram,
            parameters.Sum(i => graph.Tensors[i].ElementCount),
            parameters.Sum(i => (long)graph.Tensors[i].Data.Length),
            macs,
            arena,
            total);
    }

    private static bool IsBiasInput(BuiltinOperator op, int inputIndex) =>
        inputIndex == 2 && op is BuiltinOperator.Conv2D or BuiltinOperator.DepthwiseConv2D or BuiltinOperator.FullyConnected
        || (inputIndex == 3 && op == BuiltinOperator.TransposeConv);

    /// <summary>The multiply-accumulates of one operator of <paramref name="model"/>'s main graph (0 for operators that only move or rescale values).</summary>
    public static long OperatorMacs(TfLiteModel model, Operator op)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(op);
        return OperatorMacs(model.MainGraph, op, model.GetOperatorCode(op).Builtin);
    }

    private static long OperatorMacs(SubGraph graph, Operator op, BuiltinOperator builtin)
    {
        if (op.Inputs.Length < 2 || op.Outputs.Length < 1 || op.Inputs[0] < 0 || op.Inputs[1] < 0)
        {
            return 0;
        }

        var input = graph.Tensors[op.Inputs[0]];
        var weights = graph.Tensors[op.Inputs[1]];
        var output = graph.Tensors[op.Outputs[0]];
        var w = weights.Shape;
        switch (builtin)
        {
            case BuiltinOperator.Conv2D when w.Length == 4:
                return output.ElementCount * w[1] * w[2] * w[3]; // OHWI filter: each output sums KH*KW*IC products
            case BuiltinOperator.DepthwiseConv2D when w.Length == 4:
                return output.ElementCount * w[1] * w[2];
            case BuiltinOperator.FullyConnected when w.Length == 2:
                return output.ElementCount * w[1];
            case BuiltinOperator.TransposeConv when w.Length == 4:
            {
                var data = graph.Tensors[op.Inputs[2]];
                return data.ElementCount * w[0] * w[1] * w[2];
            }

            case BuiltinOperator.BatchMatMul when input.Shape.Length >= 2:
            {
                var adjX = op.Options is BatchMatMulOptions { AdjX: true };
                var depth = adjX ? input.Shape[^2] : input.Shape[^1];
                return output.ElementCount * depth;
            }

            default:
                return 0;
        }
    }

    private static (long Peak, long Total) PlanActivations(SubGraph graph)
    {
        var count = graph.Tensors.Length;
        var first = new int[count];
        var last = new int[count];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, -1);
        var end = graph.Operators.Length;

        foreach (var input in graph.Inputs)
        {
            first[input] = 0;
        }

        foreach (var op in graph.Operators)
        {
            foreach (var t in op.Outputs)
            {
                first[t] = Math.Min(first[t], op.Index);
                last[t] = Math.Max(last[t], op.Index);
            }

            foreach (var t in op.Inputs)
            {
                if (t >= 0)
                {
                    last[t] = Math.Max(last[t], op.Index);
                }
            }
        }

        foreach (var output in graph.Outputs)
        {
            last[output] = end;
        }

        long total = 0;
        var liveAt = new long[end + 1];
        foreach (var tensor in graph.Tensors)
        {
            if (tensor.IsConstant || first[tensor.Index] == int.MaxValue)
            {
                continue;
            }

            var size = (tensor.ByteSize + Alignment - 1) / Alignment * Alignment;
            total += size;
            for (var step = first[tensor.Index]; step <= Math.Max(first[tensor.Index], last[tensor.Index]); step++)
            {
                liveAt[step] += size;
            }
        }

        return (liveAt.Length == 0 ? 0 : liveAt.Max(), total);
    }
}
