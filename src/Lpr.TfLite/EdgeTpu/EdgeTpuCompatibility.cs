using System.Buffers.Binary;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.EdgeTpu;

/// <summary>Whether one operator can be mapped to the Edge TPU, and why not.</summary>
public sealed record EdgeTpuOperatorVerdict(int Index, string Operator, bool Mappable, IReadOnlyList<string> Reasons);

/// <summary>Per-operator Edge TPU compatibility of a model's main graph.</summary>
public sealed record EdgeTpuReport(IReadOnlyList<EdgeTpuOperatorVerdict> Operators)
{
    public int MappableCount => Operators.Count(o => o.Mappable);

    /// <summary>Index of the first operator that cannot be mapped, or null when all can.</summary>
    public int? FirstUnmappable => Operators.FirstOrDefault(o => !o.Mappable)?.Index;

    /// <summary>True when every operator maps, so the compiled model runs entirely on the Edge TPU.</summary>
    public bool FullyMappable => FirstUnmappable is null;

    /// <summary>
    /// Operators the compiler would actually place on the Edge TPU: it maps the graph only up to the
    /// first unsupported operator; everything after that runs on the CPU even when supported.
    /// </summary>
    public int CompiledPrefixLength => FirstUnmappable ?? Operators.Count;
}

/// <summary>
/// Checks a model against Coral's published Edge TPU requirements: every tensor 8-bit quantized
/// (int32 biases excepted) with a size fixed at compile time, constant parameters, at most three
/// non-unit innermost dimensions, and only the supported operators with their documented limits
/// (e.g. no fused activation on pools and concatenation, fully-connected output one-dimensional,
/// mean/pad only along x and y, softmax only on 1-D input up to 16,000 elements, strided slice
/// only with unit strides, concatenation's constant inputs only as zero padding; reshape and split
/// have no listed limits beyond the tensor rules; BATCH_MATMUL is not supported). A model that is already compiled
/// (edgetpu-custom-op) reports its compiled operator as mapped.
/// </summary>
public static class EdgeTpuCompatibility
{
    public const string CustomOpName = "edgetpu-custom-op";

    public const int MaxSoftmaxElements = 16_000;

    public static bool IsEdgeTpuCustomOp(string? customCode) => string.Equals(customCode, CustomOpName, StringComparison.Ordinal);

    public static EdgeTpuReport Analyze(TfLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.MainGraph;
        var verdicts = new List<EdgeTpuOperatorVerdict>(graph.Operators.Length);
        foreach (var op in graph.Operators)
        {
            var code = model.GetOperatorCode(op);
            var reasons = new List<string>();
            if (code.IsCustom)
            {
                if (!IsEdgeTpuCustomOp(code.CustomCode))
                {
                    reasons.Add($"custom operator '{code.CustomCode}' is not supported");
                }
            }
            else
            {
                CheckTensors(graph, op, code.Builtin, reasons);
                CheckOperator(graph, op, code.Builtin, reasons);
            }

            verdicts.Add(new EdgeTpuOperatorVerdict(op.Index, code.Name, reasons.Count == 0, reasons));
        }

        return new EdgeTpuReport(verdicts);
    }

    private static void CheckTensors(SubGraph graph, Operator op, BuiltinOperator builtin, List<string> reasons)
    {
        foreach (var index in op.Inputs.Concat(op.Outputs))
        {
            if (index < 0)
            {
                continue;
            }

            var t = graph.Tensors[index];
            if (t.ShapeSignature.Any(d => d < 0))
            {
                reasons.Add($"tensor '{t.Name}' has a dynamic size ({string.Join(',', t.ShapeSignature)})");
            }

            var isIndexOperand = t.IsConstant && t.Type is TensorType.Int32 or TensorType.Int64;
            var isBias = t.IsConstant && t.Type == TensorType.Int32;
            var quantized8 = t.Type is TensorType.Int8 or TensorType.UInt8 && t.Quantization is not null;
            if (!quantized8 && !isIndexOperand && !isBias)
            {
                reasons.Add($"tensor '{t.Name}' is {t.Type.ToSchemaName()}{(t.Quantization is null ? " without quantization" : string.Empty)}; the Edge TPU needs 8-bit quantized tensors");
            }

            if (!t.IsConstant && t.Shape.Length > 3 && t.Shape.Take(t.Shape.Length - 3).Any(d => d > 1))
            {
                reasons.Add($"tensor '{t.Name}' [{string.Join(',', t.Shape)}] has a non-unit dimension outside the 3 innermost");
            }
        }

        // Parameters must be compile-time constants: weights and biases of the parameterized ops.
        if (builtin is BuiltinOperator.Conv2D or BuiltinOperator.DepthwiseConv2D or BuiltinOperator.FullyConnected or BuiltinOperator.TransposeConv)
        {
            for (var i = 1; i < op.Inputs.Length; i++)
            {
                if (op.Inputs[i] >= 0 && !graph.Tensors[op.Inputs[i]].IsConstant && !(builtin == BuiltinOperator.TransposeConv && i == 2))
                {
                    reasons.Add($"parameter input {i} ('{graph.Tensors[op.Inputs[i]].Name}') is not a compile-time constant");
                }
            }
        }
    }

    private static void CheckOperator(SubGraph graph, Operator op, BuiltinOperator builtin, List<string> reasons)
    {
        TensorInfo Input(int i) => graph.Tensors[op.Inputs[i]];
        TensorInfo Output(int i) => graph.Tensors[op.Outputs[i]];

        switch (builtin)
        {
            case BuiltinOperator.Add or BuiltinOperator.Sub or BuiltinOperator.Mul or BuiltinOperator.Maximum or BuiltinOperator.Minimum
                or BuiltinOperator.Logistic or BuiltinOperator.Relu or BuiltinOperator.Relu6 or BuiltinOperator.ReluN1To1
                or BuiltinOperator.Tanh or BuiltinOperator.Reshape or BuiltinOperator.L2Normalization or BuiltinOperator.Quantize
                or BuiltinOperator.ExpandDims or BuiltinOperator.Squeeze or BuiltinOperator.Transpose or BuiltinOperator.TransposeConv
                or BuiltinOperator.Rsqrt or BuiltinOperator.Slice or BuiltinOperator.SpaceToDepth or BuiltinOperator.SquaredDifference
                or BuiltinOperator.HardSwish or BuiltinOperator.Prelu or BuiltinOperator.Lstm or BuiltinOperator.DepthwiseConv2D:
                if (op.Options is DepthwiseConv2DOptions dw && (dw.DilationWidth != dw.DilationHeight))
                {
                    reasons.Add("dilation must be the same in x and y");
                }

                break;

            case BuiltinOperator.Conv2D:
                if (op.Options is Conv2DOptions conv && conv.DilationWidth != conv.DilationHeight)
                {
                    reasons.Add("dilation must be the same in x and y");
                }

                break;

            case BuiltinOperator.AveragePool2D or BuiltinOperator.MaxPool2D:
                if (op.Options is Pool2DOptions { Activation: not ActivationFunction.None })
                {
                    reasons.Add("fused activation functions are not supported on pools");
                }

                break;

            case BuiltinOperator.Concatenation:
                if (op.Options is ConcatenationOptions { Activation: not ActivationFunction.None })
                {
                    reasons.Add("fused activation functions are not supported on concatenation");
                }

                var constants = op.Inputs.Where(i => i >= 0 && graph.Tensors[i].IsConstant).Select(i => graph.Tensors[i]).ToList();
                if (constants.Count > 0 && (op.Inputs.Length != 2 || constants.Any(c => c.Data.Span.ContainsAnyExcept((byte)0))))
                {
                    reasons.Add("a constant input is allowed only as one of exactly 2 inputs and only when all zeroes (zero padding)");
                }

                break;

            case BuiltinOperator.FullyConnected:
                if (op.Options is FullyConnectedOptions { WeightsFormat: not FullyConnectedWeightsFormat.Default })
                {
                    reasons.Add("only the default weights format is supported");
                }

                if (NonUnitDimensions(Output(0)) > 1)
                {
                    reasons.Add($"the output must be one-dimensional (is [{string.Join(',', Output(0).Shape)}])");
                }

                break;

            case BuiltinOperator.Mean or BuiltinOperator.Sum:
                CheckAxes(Input(0), op.Inputs.Length > 1 ? Input(1) : null, xyOnly: true, "reduction", reasons);
                break;

            case BuiltinOperator.ReduceMax or BuiltinOperator.ReduceMin:
                CheckAxes(Input(0), op.Inputs.Length > 1 ? Input(1) : null, xyOnly: false, "reduction", reasons);
                break;

            case BuiltinOperator.Pad:
                CheckPadding(Input(0), op.Inputs.Length > 1 ? Input(1) : null, reasons);
                break;

            case BuiltinOperator.Pack:
                if (op.Options is PackOptions { Axis: 0 })
                {
                    reasons.Add("packing in the batch dimension is not supported");
                }

                break;

            case BuiltinOperator.Split:
                // Coral's table lists Split without limitations. Its axis (input 0, before the value) must be
                // known at compile time, or TFLite sizes the outputs only at run time.
                if (op.Inputs.Length < 2 || op.Inputs[0] < 0 || ReadInts(Input(0)) is not [_])
                {
                    reasons.Add("the split axis must be a compile-time constant scalar");
                }

                break;

            case BuiltinOperator.ResizeBilinear or BuiltinOperator.ResizeNearestNeighbor:
                if (Input(0).Shape.Length != 4 || Input(0).Shape[0] != 1)
                {
                    reasons.Add("input and output must be 3-dimensional (batch 1)");
                }

                break;

            case BuiltinOperator.Softmax:
                if (NonUnitDimensions(Input(0)) > 1)
                {
                    reasons.Add($"only 1-D input is supported (is [{string.Join(',', Input(0).Shape)}])");
                }

                if (Input(0).ElementCount > MaxSoftmaxElements)
                {
                    reasons.Add($"at most {MaxSoftmaxElements} elements are supported (has {Input(0).ElementCount})");
                }

                break;

            case BuiltinOperator.StridedSlice:
                if (op.Options is StridedSliceOptions { EllipsisMask: not 0 } or StridedSliceOptions { NewAxisMask: not 0 })
                {
                    reasons.Add("ellipsis and new-axis masks must be 0");
                }

                if (op.Inputs.Length > 3 && (ReadInts(Input(3)) is not { } strides || strides.Any(s => s != 1)))
                {
                    reasons.Add("only unit strides are supported");
                }

                break;

            case BuiltinOperator.BatchMatMul:
                reasons.Add("BATCH_MATMUL is not supported by the Edge TPU (express it as FULLY_CONNECTED or CONV_2D)");
                break;

            default:
                reasons.Add($"{builtin.ToSchemaName()} is not supported by the Edge TPU");
                break;
        }
    }

    private static void CheckAxes(TensorInfo input, TensorInfo? axesTensor, bool xyOnly, string what, List<string> reasons)
    {
        if (axesTensor is null || ReadInts(axesTensor) is not { } axes)
        {
            reasons.Add($"the {what} axes must be a compile-time constant");
            return;
        }

        var rank = input.Shape.Length;
        var normalized = axes.Select(a => a < 0 ? a + rank : a).ToList();
        if (normalized.Contains(0) && rank > 1)
        {
            reasons.Add($"{what} over the batch dimension is not supported");
        }

        if (xyOnly && rank == 4 && normalized.Any(a => a is not (1 or 2)))
        {
            reasons.Add($"{what} is supported along x and/or y only (axes {string.Join(',', axes)})");
        }
    }

    private static void CheckPadding(TensorInfo input, TensorInfo? paddings, List<string> reasons)
    {
        if (paddings is null || ReadInts(paddings) is not { } values)
        {
            reasons.Add("paddings must be a compile-time constant");
            return;
        }

        if (input.Shape.Length == 4 && values.Length == 8 && (values[0] != 0 || values[1] != 0 || values[6] != 0 || values[7] != 0))
        {
            reasons.Add("padding is supported along x and/or y only");
        }
    }

    private static int NonUnitDimensions(TensorInfo tensor) => tensor.Shape.Count(d => d > 1);

    private static int[]? ReadInts(TensorInfo tensor)
    {
        if (!tensor.IsConstant)
        {
            return null;
        }

        var span = tensor.Data.Span;
        return tensor.Type switch
        {
            TensorType.Int32 => [.. Enumerable.Range(0, span.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(tensor.Data.Span[(4 * i)..]))],
            TensorType.Int64 => [.. Enumerable.Range(0, span.Length / 8).Select(i => (int)BinaryPrimitives.ReadInt64LittleEndian(tensor.Data.Span[(8 * i)..]))],
            _ => null,
        };
    }
}
