using System.Collections.Immutable;
using System.Globalization;
using Lpr.TfLite.Format;

namespace Lpr.TfLite.Model;

/// <summary>
/// Model surgery: a new model whose outputs are tensors of the main graph chosen by the caller, keeping only the
/// operators those outputs depend on, and the tensors, buffers, graph inputs and operator codes those operators
/// use. The typical use is stripping what a runtime cannot run from the end of a graph, e.g. a detector's
/// <c>TFLite_Detection_PostProcess</c> custom op (box decoding and NMS in float, which neither the managed
/// interpreter nor the Edge TPU implements) so the rest runs on either and the caller decodes the raw outputs.
/// Tensors, operators and options are copied unchanged (constant data is shared, not copied), so what remains
/// computes exactly what it computed inside the original model; the result is validated like a model read from
/// a file, and <see cref="TfLiteModel.ToBytes"/> writes it for any TFLite runtime.
/// <para>Errors are <see cref="ArgumentException"/>s without a parameter name: their messages are for the person who
/// named the tensors (<c>lpr model cut</c> prints them as they are).</para>
/// </summary>
public static class ModelCutter
{
    /// <summary>The metadata entry that describes the model's inputs and outputs (TFLite Support); see <see cref="Cut"/>.</summary>
    public const string TfLiteMetadataName = "TFLITE_METADATA";

    /// <summary>
    /// The model computing <paramref name="outputs"/> (tensor indices of the main graph, in the order the new model
    /// outputs them). Graph inputs no kept operator reads are dropped; the others keep their order. A
    /// <see cref="TfLiteMetadataName"/> entry is dropped too: it lists the old outputs, and tools that read it refuse a
    /// model whose output count differs. Throws <see cref="ArgumentException"/> naming the tensor when an output is
    /// out of range, repeated, a constant, or something no operator computes.
    /// </summary>
    public static TfLiteModel Cut(TfLiteModel model, IReadOnlyList<int> outputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        if (model.SubGraphs.Length != 1)
        {
            // Control-flow operators (WHILE, IF, CALL_ONCE) name other subgraphs by index; keeping those consistent
            // through a cut is more than this tool needs to do.
            throw new ArgumentException($"The model has {model.SubGraphs.Length} subgraphs; only single-graph models can be cut.");
        }

        var graph = model.MainGraph;
        ValidateOutputs(graph, outputs);

        // Walk back from the outputs: an operator is kept when a tensor it writes is needed, and then needs its own inputs.
        var needed = new bool[graph.Tensors.Length];
        foreach (var t in outputs)
        {
            needed[t] = true;
        }

        var keep = new bool[graph.Operators.Length];
        for (var n = graph.Operators.Length - 1; n >= 0; n--)
        {
            var op = graph.Operators[n];
            if (!op.Outputs.Any(t => t >= 0 && needed[t]))
            {
                continue;
            }

            keep[n] = true;
            foreach (var t in op.Inputs.Concat(op.Intermediates).Where(t => t >= 0))
            {
                needed[t] = true;
            }
        }

        var keptOperators = graph.Operators.Where((_, n) => keep[n]).ToList();
        var inputs = graph.Inputs.Where(t => needed[t]).ToList();

        // Every tensor a kept operator touches stays (an operator's unused extra outputs included: it writes them),
        // renumbered in the original order so the new file reads like the old one.
        var used = (bool[])needed.Clone();
        foreach (var t in keptOperators.SelectMany(op => op.Outputs).Where(t => t >= 0))
        {
            used[t] = true;
        }

        var tensorMap = Renumber(used);
        var metadata = model.Metadata.Where(m => m.Name != TfLiteMetadataName).ToList();
        var bufferUsed = new bool[model.Buffers.Length];
        bufferUsed[0] = true; // the empty sentinel, which tensors without data point at
        for (var t = 0; t < used.Length; t++)
        {
            bufferUsed[graph.Tensors[t].BufferIndex] |= used[t];
        }

        foreach (var m in metadata)
        {
            bufferUsed[m.BufferIndex] = true;
        }

        var bufferMap = Renumber(bufferUsed);
        var codeUsed = new bool[model.OperatorCodes.Length];
        foreach (var op in keptOperators)
        {
            codeUsed[op.OpcodeIndex] = true;
        }

        var codeMap = Renumber(codeUsed);

        var tensors = graph.Tensors
            .Where((_, i) => used[i])
            .Select((t, i) => new TensorInfo(i, t.Name, t.Type, t.Shape, bufferMap[t.BufferIndex], t.Data, t.Quantization, t.IsVariable, t.ShapeSignature))
            .ToImmutableArray();
        var operators = keptOperators
            .Select((op, n) => new Operator(n, codeMap[op.OpcodeIndex], Map(op.Inputs, tensorMap), Map(op.Outputs, tensorMap), op.Options, op.CustomOptions, Map(op.Intermediates, tensorMap)))
            .ToImmutableArray();
        var cut = new TfLiteModel(
            [.. model.OperatorCodes.Where((_, i) => codeUsed[i])],
            [new SubGraph(tensors, Map([.. inputs], tensorMap), Map([.. outputs], tensorMap), operators, graph.Name)],
            [.. model.Buffers.Where((_, i) => bufferUsed[i])],
            model.Description,
            model.Version,
            [.. metadata.Select(m => m with { BufferIndex = bufferMap[m.BufferIndex] })]);
        ModelValidator.Validate(cut);
        return cut;
    }

    /// <summary>
    /// The outputs that cut a model just before its custom operators: the graph's own outputs that no custom
    /// operator lies behind, then the non-constant inputs of the custom operators that the builtin operators alone
    /// compute, in the order the custom operators read them. For an SSD detector these are the raw box encodings
    /// and class scores that <c>TFLite_Detection_PostProcess</c> decodes. Throws <see cref="ArgumentException"/>
    /// when the model has no custom operator, or nothing is computed before one.
    /// </summary>
    public static IReadOnlyList<int> OutputsBeforeCustomOperators(TfLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.MainGraph;
        var custom = graph.Operators.Where(op => model.GetOperatorCode(op).IsCustom).ToList();
        if (custom.Count == 0)
        {
            throw new ArgumentException("The model has no custom operator to cut before.");
        }

        // What the builtin operators alone compute, in execution order (the validator guarantees inputs come first).
        var computable = new bool[graph.Tensors.Length];
        foreach (var t in graph.Inputs)
        {
            computable[t] = true;
        }

        for (var t = 0; t < computable.Length; t++)
        {
            computable[t] |= graph.Tensors[t].IsConstant;
        }

        foreach (var op in graph.Operators.Where(op => !model.GetOperatorCode(op).IsCustom))
        {
            if (op.Inputs.All(t => t < 0 || computable[t]))
            {
                foreach (var t in op.Outputs.Where(t => t >= 0))
                {
                    computable[t] = true;
                }
            }
        }

        var inputs = graph.Inputs.ToHashSet();
        var outputs = new List<int>();
        foreach (var t in graph.Outputs.Concat(custom.SelectMany(op => op.Inputs)))
        {
            // A graph input fed straight to a custom op is no computed output; a constant (SSD's anchors) is no output at all.
            if (t >= 0 && computable[t] && !graph.Tensors[t].IsConstant && !inputs.Contains(t) && !outputs.Contains(t))
            {
                outputs.Add(t);
            }
        }

        return outputs.Count > 0
            ? outputs
            : throw new ArgumentException($"No builtin operator computes an input of the custom operator(s) {string.Join(", ", custom.Select(op => $"#{op.Index} {model.GetOperatorCode(op).Name}").Distinct())}; there is nothing to keep before them.");
    }

    /// <summary>
    /// The main-graph tensor a user means by <paramref name="nameOrIndex"/>: a tensor's exact name, else an index
    /// written <c>N</c> or <c>#N</c>. Throws <see cref="ArgumentException"/> when neither matches (naming the
    /// closest names) or when the name is shared by several tensors.
    /// </summary>
    public static int FindTensor(TfLiteModel model, string nameOrIndex)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrIndex);
        var graph = model.MainGraph;
        var named = Enumerable.Range(0, graph.Tensors.Length).Where(i => graph.Tensors[i].Name == nameOrIndex).ToList();
        if (named.Count == 1)
        {
            return named[0];
        }

        if (named.Count > 1)
        {
            throw new ArgumentException($"Tensor name '{nameOrIndex}' is shared by tensors {string.Join(", ", named.Select(i => $"#{i}"))}; give the index (#N) instead.");
        }

        var digits = nameOrIndex.StartsWith('#') ? nameOrIndex[1..] : nameOrIndex;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < graph.Tensors.Length
                ? index
                : throw new ArgumentException($"Tensor index {index} is out of range: the main graph has {graph.Tensors.Length} tensors (#0 to #{graph.Tensors.Length - 1}).");
        }

        var similar = graph.Tensors
            .Where(t => t.Name.Length > 0 && (t.Name.Contains(nameOrIndex, StringComparison.OrdinalIgnoreCase) || nameOrIndex.Contains(t.Name, StringComparison.OrdinalIgnoreCase)))
            .Take(5)
            .Select(t => $"#{t.Index} '{t.Name}'")
            .ToList();
        throw new ArgumentException(
            $"The model has no tensor named '{nameOrIndex}'{(similar.Count > 0 ? $"; similar: {string.Join(", ", similar)}" : string.Empty)} (`lpr model inspect` lists the inputs and outputs; an index #N works too).");
    }

    private static void ValidateOutputs(SubGraph graph, IReadOnlyList<int> outputs)
    {
        if (outputs.Count == 0)
        {
            throw new ArgumentException("A cut needs at least one output tensor.");
        }

        var written = graph.Operators.SelectMany(op => op.Outputs).Concat(graph.Inputs).ToHashSet();
        var seen = new HashSet<int>();
        foreach (var t in outputs)
        {
            if (t < 0 || t >= graph.Tensors.Length)
            {
                throw new ArgumentException($"Tensor index {t} is out of range: the main graph has {graph.Tensors.Length} tensors.");
            }

            var tensor = graph.Tensors[t];
            if (!seen.Add(t))
            {
                throw new ArgumentException($"Tensor {tensor} is named twice as an output.");
            }

            if (tensor.IsConstant)
            {
                throw new ArgumentException($"Tensor {tensor} is a constant; an output must be computed by an operator.");
            }

            if (!written.Contains(t))
            {
                throw new ArgumentException($"Tensor {tensor} is neither a graph input nor written by any operator.");
            }
        }
    }

    /// <summary>Old index → new index for the kept entries (-1 for the dropped), keeping their order.</summary>
    private static int[] Renumber(bool[] kept)
    {
        var map = new int[kept.Length];
        var next = 0;
        for (var i = 0; i < kept.Length; i++)
        {
            map[i] = kept[i] ? next++ : -1;
        }

        return map;
    }

    // -1 (an optional operand left out) stays -1.
    private static ImmutableArray<int> Map(ImmutableArray<int> indices, int[] map) => [.. indices.Select(t => t < 0 ? -1 : map[t])];
}
