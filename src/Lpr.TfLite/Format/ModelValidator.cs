using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>
/// Semantic checks of a model, whether read from a file or built in code: every index in range,
/// shapes non-negative without overflow, constant data exactly the size its shape and type demand,
/// quantization consistent with the shape, builtin options of the operator's own kind, and operators in
/// an order where each reads only tensors already available (so the graph has no cycles).
/// </summary>
public static class ModelValidator
{
    /// <summary>The largest element count of one tensor (2^31 - 1, as TFLite's int32 sizes allow).</summary>
    public const long MaxElements = int.MaxValue;

    /// <summary>Throws <see cref="ModelFormatException"/> naming the first problem found.</summary>
    public static void Validate(TfLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.SubGraphs.Length == 0)
        {
            throw new ModelFormatException("The model has no subgraph.");
        }

        for (var s = 0; s < model.SubGraphs.Length; s++)
        {
            ValidateSubGraph(model, model.SubGraphs[s], s);
        }
    }

    private static void ValidateSubGraph(TfLiteModel model, SubGraph graph, int s)
    {
        var tensorCount = graph.Tensors.Length;
        foreach (var tensor in graph.Tensors)
        {
            ValidateTensor(model, tensor, s);
        }

        // Tensors available before any operator runs: graph inputs, constants and variables.
        var available = new bool[tensorCount];
        for (var i = 0; i < graph.Inputs.Length; i++)
        {
            var t = graph.Inputs[i];
            RequireTensorIndex(t, tensorCount, $"Subgraph {s}, input {i}");
            available[t] = true;
        }

        foreach (var tensor in graph.Tensors)
        {
            if (tensor.IsConstant || tensor.IsVariable)
            {
                available[tensor.Index] = true;
            }
        }

        foreach (var op in graph.Operators)
        {
            var name = op.OpcodeIndex >= 0 && op.OpcodeIndex < model.OperatorCodes.Length
                ? model.OperatorCodes[op.OpcodeIndex].Name
                : $"<opcode {op.OpcodeIndex}>";
            var where = $"Subgraph {s}, operator {op.Index} ({name})";
            if (op.OpcodeIndex < 0 || op.OpcodeIndex >= model.OperatorCodes.Length)
            {
                throw new ModelFormatException($"{where} refers to operator code {op.OpcodeIndex}, but the model has {model.OperatorCodes.Length}.");
            }

            ValidateOptionsKind(model.OperatorCodes[op.OpcodeIndex].Builtin, op.Options, where);
            for (var i = 0; i < op.Inputs.Length; i++)
            {
                var t = op.Inputs[i];
                if (t == -1)
                {
                    continue; // optional input left out
                }

                RequireTensorIndex(t, tensorCount, $"{where}, input {i}");
                if (!available[t])
                {
                    throw new ModelFormatException(
                        $"{where} reads tensor {t} ('{ModelReader.Printable(graph.Tensors[t].Name)}') before any operator writes it (the graph is out of order or cyclic).");
                }
            }

            foreach (var t in op.Intermediates)
            {
                RequireTensorIndex(t, tensorCount, $"{where}, intermediate");
            }

            for (var i = 0; i < op.Outputs.Length; i++)
            {
                var t = op.Outputs[i];
                RequireTensorIndex(t, tensorCount, $"{where}, output {i}");
                var tensor = graph.Tensors[t];
                if (tensor.IsConstant)
                {
                    throw new ModelFormatException($"{where} writes tensor {t} ('{ModelReader.Printable(tensor.Name)}'), which is a constant.");
                }

                if (available[t] && !tensor.IsVariable)
                {
                    throw new ModelFormatException($"{where} writes tensor {t} ('{ModelReader.Printable(tensor.Name)}'), which is already written by a graph input or an earlier operator.");
                }

                available[t] = true;
            }
        }

        for (var i = 0; i < graph.Outputs.Length; i++)
        {
            var t = graph.Outputs[i];
            RequireTensorIndex(t, tensorCount, $"Subgraph {s}, output {i}");
            if (!available[t])
            {
                throw new ModelFormatException($"Subgraph {s}, output {i}: tensor {t} ('{ModelReader.Printable(graph.Tensors[t].Name)}') is never written.");
            }
        }
    }

    private static void ValidateTensor(TfLiteModel model, TensorInfo tensor, int s)
    {
        var where = $"Subgraph {s}, tensor {tensor.Index} ('{ModelReader.Printable(tensor.Name)}')";
        if (!tensor.Type.IsDefined())
        {
            throw new ModelFormatException($"{where} has unknown element type {(int)tensor.Type}.");
        }

        if (tensor.BufferIndex < 0 || tensor.BufferIndex >= model.Buffers.Length)
        {
            throw new ModelFormatException($"{where} refers to buffer {tensor.BufferIndex}, but the model has {model.Buffers.Length} buffers.");
        }

        long elements = 1;
        foreach (var d in tensor.Shape)
        {
            if (d < 0)
            {
                throw new ModelFormatException($"{where} has a negative dimension in shape [{string.Join(',', tensor.Shape)}].");
            }

            elements *= d;
            if (elements > MaxElements)
            {
                throw new ModelFormatException($"{where} has shape [{string.Join(',', tensor.Shape)}] with more than {MaxElements} elements.");
            }
        }

        var elementSize = tensor.Type.ElementSize();
        if (tensor.IsConstant && elementSize > 0 && tensor.Data.Length != elements * elementSize)
        {
            throw new ModelFormatException(
                $"{where}: constant data is {tensor.Data.Length} bytes, but shape [{string.Join(',', tensor.Shape)}] of {tensor.Type.ToSchemaName()} needs {elements * elementSize}.");
        }

        if (tensor.Type == TensorType.Int4 && tensor.IsConstant && tensor.Data.Length != (elements + 1) / 2)
        {
            throw new ModelFormatException($"{where}: INT4 constant data is {tensor.Data.Length} bytes, expected {(elements + 1) / 2}.");
        }

        if (tensor.Quantization is { } q)
        {
            foreach (var scale in q.Scale)
            {
                if (!float.IsFinite(scale) || scale < 0)
                {
                    throw new ModelFormatException($"{where} has an invalid quantization scale {scale}.");
                }
            }

            if (q.ZeroPoint.Length != q.Scale.Length)
            {
                throw new ModelFormatException($"{where} has {q.Scale.Length} quantization scales but {q.ZeroPoint.Length} zero points.");
            }

            if (q.IsPerChannel)
            {
                if (q.QuantizedDimension < 0 || q.QuantizedDimension >= tensor.Shape.Length)
                {
                    throw new ModelFormatException($"{where} is quantized along dimension {q.QuantizedDimension}, outside its shape [{string.Join(',', tensor.Shape)}].");
                }

                if (tensor.Shape[q.QuantizedDimension] != q.Scale.Length)
                {
                    throw new ModelFormatException(
                        $"{where} has {q.Scale.Length} per-channel scales, but dimension {q.QuantizedDimension} of its shape has {tensor.Shape[q.QuantizedDimension]} channels.");
                }
            }
        }
    }

    private static void RequireTensorIndex(int index, int count, string where)
    {
        if (index < 0 || index >= count)
        {
            throw new ModelFormatException($"{where} refers to tensor {index}, but the subgraph has {count} tensors.");
        }
    }

    private static void ValidateOptionsKind(BuiltinOperator op, OperatorOptions? options, string where)
    {
        if (options is null or UnparsedOptions)
        {
            return;
        }

        var expected = ExpectedOptions(op);
        if (expected is { } kind && kind != options.OptionsType)
        {
            throw new ModelFormatException($"{where} carries {options.OptionsType} but this operator takes {kind}.");
        }
    }

    /// <summary>The options kind an operator takes, or null when it has none or this runtime does not decode them.</summary>
    public static BuiltinOptionsType? ExpectedOptions(BuiltinOperator op) => op switch
    {
        BuiltinOperator.Conv2D => BuiltinOptionsType.Conv2DOptions,
        BuiltinOperator.DepthwiseConv2D => BuiltinOptionsType.DepthwiseConv2DOptions,
        BuiltinOperator.AveragePool2D or BuiltinOperator.MaxPool2D or BuiltinOperator.L2Pool2D => BuiltinOptionsType.Pool2DOptions,
        BuiltinOperator.FullyConnected => BuiltinOptionsType.FullyConnectedOptions,
        BuiltinOperator.Softmax => BuiltinOptionsType.SoftmaxOptions,
        BuiltinOperator.Concatenation => BuiltinOptionsType.ConcatenationOptions,
        BuiltinOperator.Add => BuiltinOptionsType.AddOptions,
        BuiltinOperator.Sub => BuiltinOptionsType.SubOptions,
        BuiltinOperator.Mul => BuiltinOptionsType.MulOptions,
        BuiltinOperator.Div => BuiltinOptionsType.DivOptions,
        BuiltinOperator.Reshape => BuiltinOptionsType.ReshapeOptions,
        BuiltinOperator.Mean or BuiltinOperator.Sum or BuiltinOperator.ReduceMax or BuiltinOperator.ReduceMin
            or BuiltinOperator.ReduceProd or BuiltinOperator.ReduceAny => BuiltinOptionsType.ReducerOptions,
        BuiltinOperator.Squeeze => BuiltinOptionsType.SqueezeOptions,
        BuiltinOperator.BatchMatMul => BuiltinOptionsType.BatchMatMulOptions,
        BuiltinOperator.ResizeBilinear => BuiltinOptionsType.ResizeBilinearOptions,
        BuiltinOperator.ResizeNearestNeighbor => BuiltinOptionsType.ResizeNearestNeighborOptions,
        BuiltinOperator.Gather => BuiltinOptionsType.GatherOptions,
        BuiltinOperator.StridedSlice => BuiltinOptionsType.StridedSliceOptions,
        BuiltinOperator.Split => BuiltinOptionsType.SplitOptions,
        BuiltinOperator.Pack => BuiltinOptionsType.PackOptions,
        BuiltinOperator.ArgMax => BuiltinOptionsType.ArgMaxOptions,
        BuiltinOperator.LeakyRelu => BuiltinOptionsType.LeakyReluOptions,
        BuiltinOperator.Pad => BuiltinOptionsType.PadOptions,
        BuiltinOperator.PadV2 => BuiltinOptionsType.PadV2Options,
        BuiltinOperator.Transpose => BuiltinOptionsType.TransposeOptions,
        BuiltinOperator.ExpandDims => BuiltinOptionsType.ExpandDimsOptions,
        BuiltinOperator.Quantize => BuiltinOptionsType.QuantizeOptions,
        BuiltinOperator.Dequantize => BuiltinOptionsType.DequantizeOptions,
        BuiltinOperator.HardSwish => BuiltinOptionsType.HardSwishOptions,
        _ => null,
    };
}
