using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>
/// Serializes a <see cref="TfLiteModel"/> into .tflite bytes (flatbuffer schema v3). The output uses
/// only fields that TFLite 2.2 and the Coral runtime understand (plus the newer int32 builtin_code,
/// which old readers ignore), constant buffers aligned to 16 bytes, shapes and quantization vectors written once
/// per distinct content. The model is validated first, so a written file always reads back.
/// </summary>
public static class ModelWriter
{
    public static byte[] Write(TfLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelValidator.Validate(model);

        var totalData = model.Buffers.Sum(buffer => (long)buffer.Length);
        if (totalData > ModelReader.MaxFileBytes - (1 << 20))
        {
            throw new ModelFormatException($"The model's buffers total {totalData} bytes; files larger than 2 GB are not supported by this writer.");
        }

        var b = new FlatBufferBuilder((int)Math.Min(totalData + 4096, int.MaxValue / 2));

        // Children first (back-to-front builder): buffers, operator codes, subgraphs, strings, metadata.
        var buffers = new int[model.Buffers.Length];
        for (var i = buffers.Length - 1; i >= 0; i--)
        {
            var data = model.Buffers[i];
            var dataVector = data.IsEmpty ? 0 : b.CreateByteVector(data.Span, 16);
            b.StartTable(BufferFields.Count);
            if (dataVector != 0)
            {
                b.AddOffset(BufferFields.Data, dataVector);
            }

            buffers[i] = b.EndTable();
        }

        var codes = new int[model.OperatorCodes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = WriteOperatorCode(b, model.OperatorCodes[i]);
        }

        var subGraphs = new int[model.SubGraphs.Length];
        for (var i = 0; i < subGraphs.Length; i++)
        {
            subGraphs[i] = WriteSubGraph(b, model.SubGraphs[i]);
        }

        var metadata = new int[model.Metadata.Length];
        for (var i = 0; i < metadata.Length; i++)
        {
            var name = b.CreateString(model.Metadata[i].Name);
            b.StartTable(MetadataFields.Count);
            b.AddOffset(MetadataFields.Name, name);
            b.AddUInt32(MetadataFields.Buffer, (uint)model.Metadata[i].BufferIndex);
            metadata[i] = b.EndTable();
        }

        var description = b.CreateString(model.Description);
        var buffersVector = b.CreateOffsetVector(buffers);
        var codesVector = b.CreateOffsetVector(codes);
        var subGraphsVector = b.CreateOffsetVector(subGraphs);
        var metadataVector = metadata.Length > 0 ? b.CreateOffsetVector(metadata) : 0;

        b.StartTable(ModelFields.Count);
        b.AddUInt32(ModelFields.Version, (uint)model.Version);
        b.AddOffset(ModelFields.OperatorCodes, codesVector);
        b.AddOffset(ModelFields.SubGraphs, subGraphsVector);
        b.AddOffset(ModelFields.Description, description);
        b.AddOffset(ModelFields.Buffers, buffersVector);
        if (metadataVector != 0)
        {
            b.AddOffset(ModelFields.Metadata, metadataVector);
        }

        return b.Finish(b.EndTable(), TfLiteInfo.FileIdentifier);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void WriteFile(TfLiteModel model, string path) => File.WriteAllBytes(path, Write(model));

    private static int WriteOperatorCode(FlatBufferBuilder b, OperatorCode code)
    {
        var custom = code.CustomCode is { } name ? b.CreateString(name) : 0;
        var builtin = (int)code.Builtin;
        b.StartTable(OperatorCodeFields.Count);
        b.AddByte(OperatorCodeFields.DeprecatedBuiltinCode, (byte)Math.Min(builtin, OperatorCodeFields.PlaceholderForGreaterOpCodes));
        if (custom != 0)
        {
            b.AddOffset(OperatorCodeFields.CustomCode, custom);
        }

        b.AddInt32(OperatorCodeFields.Version, code.Version);
        b.AddInt32(OperatorCodeFields.BuiltinCode, builtin);
        return b.EndTable();
    }

    private static int WriteSubGraph(FlatBufferBuilder b, SubGraph graph)
    {
        var tensors = new int[graph.Tensors.Length];
        for (var i = 0; i < tensors.Length; i++)
        {
            tensors[i] = WriteTensor(b, graph.Tensors[i]);
        }

        var operators = new int[graph.Operators.Length];
        for (var i = 0; i < operators.Length; i++)
        {
            operators[i] = WriteOperator(b, graph.Operators[i]);
        }

        var tensorsVector = b.CreateOffsetVector(tensors);
        var inputs = b.CreateInt32Vector(graph.Inputs.AsSpan());
        var outputs = b.CreateInt32Vector(graph.Outputs.AsSpan());
        var operatorsVector = b.CreateOffsetVector(operators);
        var name = b.CreateString(graph.Name);

        b.StartTable(SubGraphFields.Count);
        b.AddOffset(SubGraphFields.Tensors, tensorsVector);
        b.AddOffset(SubGraphFields.Inputs, inputs);
        b.AddOffset(SubGraphFields.Outputs, outputs);
        b.AddOffset(SubGraphFields.Operators, operatorsVector);
        b.AddOffset(SubGraphFields.Name, name);
        return b.EndTable();
    }

    private static int WriteTensor(FlatBufferBuilder b, TensorInfo tensor)
    {
        var shape = b.CreateSharedInt32Vector(tensor.Shape.AsSpan());
        var name = b.CreateString(tensor.Name);
        var quantization = tensor.Quantization is { } q ? WriteQuantization(b, q) : 0;
        var signature = tensor.ShapeSignature.Length > 0 ? b.CreateSharedInt32Vector(tensor.ShapeSignature.AsSpan()) : 0;

        b.StartTable(TensorFields.Count);
        b.AddOffset(TensorFields.Shape, shape);
        b.AddByte(TensorFields.Type, (byte)tensor.Type);
        b.AddUInt32(TensorFields.Buffer, (uint)tensor.BufferIndex);
        b.AddOffset(TensorFields.Name, name);
        if (quantization != 0)
        {
            b.AddOffset(TensorFields.Quantization, quantization);
        }

        if (tensor.IsVariable)
        {
            b.AddBool(TensorFields.IsVariable, true);
        }

        if (signature != 0)
        {
            b.AddOffset(TensorFields.ShapeSignature, signature);
        }

        return b.EndTable();
    }

    private static int WriteQuantization(FlatBufferBuilder b, QuantizationParameters q)
    {
        var min = q.Min.Length > 0 ? b.CreateSharedSingleVector(q.Min.AsSpan()) : 0;
        var max = q.Max.Length > 0 ? b.CreateSharedSingleVector(q.Max.AsSpan()) : 0;
        var scale = b.CreateSharedSingleVector(q.Scale.AsSpan());
        var zeroPoint = b.CreateSharedInt64Vector(q.ZeroPoint.AsSpan());

        b.StartTable(QuantizationFields.Count);
        if (min != 0)
        {
            b.AddOffset(QuantizationFields.Min, min);
        }

        if (max != 0)
        {
            b.AddOffset(QuantizationFields.Max, max);
        }

        b.AddOffset(QuantizationFields.Scale, scale);
        b.AddOffset(QuantizationFields.ZeroPoint, zeroPoint);
        b.AddInt32(QuantizationFields.QuantizedDimension, q.QuantizedDimension);
        return b.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder b, Operator op)
    {
        var inputs = b.CreateInt32Vector(op.Inputs.AsSpan());
        var outputs = b.CreateInt32Vector(op.Outputs.AsSpan());
        var options = op.Options is { } o ? OptionsWriter.Write(b, o) : 0;
        var custom = op.CustomOptions.IsEmpty ? 0 : b.CreateByteVector(op.CustomOptions.Span);
        var intermediates = op.Intermediates.Length > 0 ? b.CreateInt32Vector(op.Intermediates.AsSpan()) : 0;

        b.StartTable(OperatorFields.Count);
        b.AddUInt32(OperatorFields.OpcodeIndex, (uint)op.OpcodeIndex);
        b.AddOffset(OperatorFields.Inputs, inputs);
        b.AddOffset(OperatorFields.Outputs, outputs);
        if (options != 0)
        {
            b.AddByte(OperatorFields.BuiltinOptionsType, (byte)op.Options!.OptionsType);
            b.AddOffset(OperatorFields.BuiltinOptions, options);
        }

        if (custom != 0)
        {
            b.AddOffset(OperatorFields.CustomOptions, custom);
        }

        if (intermediates != 0)
        {
            b.AddOffset(OperatorFields.Intermediates, intermediates);
        }

        return b.EndTable();
    }
}
