using System.Collections.Immutable;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Format;

/// <summary>
/// Reads .tflite files (flatbuffer schema v3) into a <see cref="TfLiteModel"/>. Hand-written and
/// bounds-checked: nothing is trusted before it has been checked against the file, and the result is
/// validated (<see cref="ModelValidator"/>) before it is returned. Constant buffers are slices of the
/// input, not copies. Buffers stored after the flatbuffer (the offset/size scheme of files larger
/// than 2 GB) are supported when the bytes are present.
/// </summary>
public static class ModelReader
{
    /// <summary>The largest file accepted (a .NET array limit; our models are kilobytes to megabytes).</summary>
    public const long MaxFileBytes = int.MaxValue - 64;

    /// <summary>Reads and validates the model file at <paramref name="path"/>.</summary>
    public static TfLiteModel ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new ModelFormatException($"{path}: the file is {length} bytes; models larger than 2 GB are not supported.");
        }

        try
        {
            return Read(File.ReadAllBytes(path));
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads and validates a model held in memory.</summary>
    public static TfLiteModel Read(ReadOnlyMemory<byte> bytes)
    {
        var reader = new FlatBufferReader(bytes);
        if (reader.Length < 8)
        {
            throw new ModelFormatException($"The file is too short ({reader.Length} bytes) to be a TFLite model.");
        }

        var identifier = reader.FileIdentifier();
        if (identifier != TfLiteInfo.FileIdentifier)
        {
            throw new ModelFormatException(
                $"Not a TFLite model: the file identifier is '{Printable(identifier)}', expected '{TfLiteInfo.FileIdentifier}'.");
        }

        var root = reader.Root();

        var version = root.GetUInt32(ModelFields.Version);
        if (version != TfLiteInfo.SchemaVersion)
        {
            throw new ModelFormatException($"Unsupported schema version {version}; this reader understands version {TfLiteInfo.SchemaVersion}.");
        }

        var buffers = ReadBuffers(reader, root);
        var codes = ReadOperatorCodes(root);
        var subGraphTables = root.GetTableVector(ModelFields.SubGraphs, "subgraphs");
        var subGraphs = ImmutableArray.CreateBuilder<SubGraph>(subGraphTables.Length);
        for (var s = 0; s < subGraphTables.Length; s++)
        {
            subGraphs.Add(ReadSubGraph(reader, subGraphTables[s], s, buffers, codes));
        }

        var metadata = ImmutableArray.CreateBuilder<ModelMetadata>();
        var metadataTables = root.GetTableVector(ModelFields.Metadata, "metadata");
        for (var i = 0; i < metadataTables.Length; i++)
        {
            var name = metadataTables[i].GetString(MetadataFields.Name, "name") ?? string.Empty;
            var buffer = metadataTables[i].GetUInt32(MetadataFields.Buffer);
            if (buffer >= buffers.Length)
            {
                throw new ModelFormatException($"Metadata entry {i} ('{name}') refers to buffer {buffer}, but the model has {buffers.Length} buffers.");
            }

            metadata.Add(new ModelMetadata(name, (int)buffer));
        }

        var model = new TfLiteModel(
            codes,
            subGraphs.MoveToImmutable(),
            buffers,
            root.GetString(ModelFields.Description, "description") ?? string.Empty,
            (int)version,
            metadata.ToImmutable());
        ModelValidator.Validate(model);
        return model;
    }

    private static ImmutableArray<ReadOnlyMemory<byte>> ReadBuffers(FlatBufferReader reader, FlatTable root)
    {
        var tables = root.GetTableVector(ModelFields.Buffers, "buffers");
        var buffers = ImmutableArray.CreateBuilder<ReadOnlyMemory<byte>>(tables.Length);
        for (var i = 0; i < tables.Length; i++)
        {
            var data = tables[i].GetBytes(BufferFields.Data, $"buffer {i} data");
            var offset = tables[i].GetUInt64(BufferFields.Offset);
            var size = tables[i].GetUInt64(BufferFields.Size);

            // Offsets 0 and 1 mean "not stored outside" (1 is the converter's placeholder).
            if (offset > 1)
            {
                if (!data.IsEmpty)
                {
                    throw new ModelFormatException($"Buffer {i} has both inline data and an external offset.");
                }

                if (offset > (ulong)reader.Length || size > (ulong)reader.Length - offset)
                {
                    throw new ModelFormatException(
                        $"Buffer {i} is stored outside the flatbuffer at bytes {offset}..{offset + size}, past the end of the file ({reader.Length} bytes).");
                }

                data = reader.Slice((long)offset, (long)size, $"buffer {i}");
            }

            buffers.Add(data);
        }

        return buffers.MoveToImmutable();
    }

    private static ImmutableArray<OperatorCode> ReadOperatorCodes(FlatTable root)
    {
        var tables = root.GetTableVector(ModelFields.OperatorCodes, "operator_codes");
        var codes = ImmutableArray.CreateBuilder<OperatorCode>(tables.Length);
        for (var i = 0; i < tables.Length; i++)
        {
            var t = tables[i];
            var deprecated = (sbyte)t.GetByte(OperatorCodeFields.DeprecatedBuiltinCode);
            var builtin = t.GetInt32(OperatorCodeFields.BuiltinCode);

            // Old files only have the byte field; new ones may store the placeholder (127) in it.
            var code = Math.Max(deprecated, builtin);
            if (code < 0)
            {
                throw new ModelFormatException($"Operator code {i} has a negative builtin code ({code}).");
            }

            var version = t.GetInt32(OperatorCodeFields.Version, 1);
            if (version < 1)
            {
                throw new ModelFormatException($"Operator code {i} ({((BuiltinOperator)code).ToSchemaName()}) has version {version}; versions start at 1.");
            }

            var custom = t.GetString(OperatorCodeFields.CustomCode, "custom_code");
            if (code == (int)BuiltinOperator.Custom && string.IsNullOrEmpty(custom))
            {
                throw new ModelFormatException($"Operator code {i} is CUSTOM but has no custom_code name.");
            }

            codes.Add(new OperatorCode((BuiltinOperator)code, custom, version));
        }

        return codes.MoveToImmutable();
    }

    private static SubGraph ReadSubGraph(
        FlatBufferReader reader,
        FlatTable table,
        int index,
        ImmutableArray<ReadOnlyMemory<byte>> buffers,
        ImmutableArray<OperatorCode> codes)
    {
        var tensorTables = table.GetTableVector(SubGraphFields.Tensors, "tensors");
        var tensors = ImmutableArray.CreateBuilder<TensorInfo>(tensorTables.Length);
        for (var t = 0; t < tensorTables.Length; t++)
        {
            tensors.Add(ReadTensor(tensorTables[t], index, t, buffers));
        }

        var operatorTables = table.GetTableVector(SubGraphFields.Operators, "operators");
        var operators = ImmutableArray.CreateBuilder<Operator>(operatorTables.Length);
        for (var o = 0; o < operatorTables.Length; o++)
        {
            operators.Add(ReadOperator(reader, operatorTables[o], index, o, codes));
        }

        return new SubGraph(
            tensors.MoveToImmutable(),
            [.. table.GetInt32Vector(SubGraphFields.Inputs, "inputs")],
            [.. table.GetInt32Vector(SubGraphFields.Outputs, "outputs")],
            operators.MoveToImmutable(),
            table.GetString(SubGraphFields.Name, "name") ?? string.Empty);
    }

    private static TensorInfo ReadTensor(FlatTable t, int subGraph, int index, ImmutableArray<ReadOnlyMemory<byte>> buffers)
    {
        var name = t.GetString(TensorFields.Name, "name") ?? string.Empty;
        var where = $"Subgraph {subGraph}, tensor {index} ('{Printable(name)}')";
        try
        {
            if (t.Has(TensorFields.Sparsity))
            {
                throw new UnsupportedOperatorException($"{where} is a sparse tensor; sparse tensors are not supported. Convert the model without sparsity.");
            }

            var type = (TensorType)t.GetByte(TensorFields.Type);
            var buffer = t.GetUInt32(TensorFields.Buffer);
            if (buffer >= buffers.Length)
            {
                throw new ModelFormatException($"{where} refers to buffer {buffer}, but the model has {buffers.Length} buffers.");
            }

            var shape = t.GetInt32Vector(TensorFields.Shape, "shape");
            QuantizationParameters? quantization = null;
            if (t.GetTable(TensorFields.Quantization, "quantization") is { } q)
            {
                if (q.GetByte(QuantizationFields.DetailsType) != 0)
                {
                    throw new UnsupportedOperatorException($"{where} uses custom quantization details, which are not supported.");
                }

                var scales = q.GetSingleVector(QuantizationFields.Scale, "scale");
                var quantizedDimension = q.GetInt32(QuantizationFields.QuantizedDimension);
                if (shape.Length == 1 && quantizedDimension >= 1 && scales.Length > 1 && scales.Length == shape[0])
                {
                    // TOCO-era converters copy the filter's channel axis (3 for depthwise) into the per-channel
                    // bias tensor, which has one axis; TFLite never reads it for a bias. The only axis is meant.
                    quantizedDimension = 0;
                }

                quantization = new QuantizationParameters(
                    [.. scales],
                    [.. q.GetInt64Vector(QuantizationFields.ZeroPoint, "zero_point")],
                    quantizedDimension)
                {
                    Min = [.. q.GetSingleVector(QuantizationFields.Min, "min")],
                    Max = [.. q.GetSingleVector(QuantizationFields.Max, "max")],
                };
            }

            return new TensorInfo(
                index,
                name,
                type,
                [.. shape],
                (int)buffer,
                buffers[(int)buffer],
                quantization,
                t.GetBool(TensorFields.IsVariable),
                [.. t.GetInt32Vector(TensorFields.ShapeSignature, "shape_signature")]);
        }
        catch (ModelFormatException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new ModelFormatException($"{where}: {e.Message}", e);
        }
    }

    private static Operator ReadOperator(FlatBufferReader reader, FlatTable t, int subGraph, int index, ImmutableArray<OperatorCode> codes)
    {
        var opcode = t.GetUInt32(OperatorFields.OpcodeIndex);
        var opName = opcode < codes.Length ? codes[(int)opcode].Name : $"<opcode {opcode}>";
        var where = $"Subgraph {subGraph}, operator {index} ({opName})";
        try
        {
            if (opcode >= codes.Length)
            {
                throw new ModelFormatException($"{where} refers to operator code {opcode}, but the model has {codes.Length}.");
            }

            var optionsType = t.GetByte(OperatorFields.BuiltinOptionsType);
            OperatorOptions? options = null;
            if (optionsType != 0)
            {
                var optionsTable = t.GetTable(OperatorFields.BuiltinOptions, "builtin_options");
                options = optionsTable is { } table
                    ? OptionsReader.Read((BuiltinOptionsType)optionsType, table)
                    : throw new ModelFormatException($"{where} declares builtin options of type {optionsType} but has none.");
            }

            var custom = t.GetBytes(OperatorFields.CustomOptions, "custom_options");
            var largeOffset = t.GetUInt64(OperatorFields.LargeCustomOptionsOffset);
            var largeSize = t.GetUInt64(OperatorFields.LargeCustomOptionsSize);
            if (largeOffset > 1)
            {
                if (largeOffset > (ulong)reader.Length || largeSize > (ulong)reader.Length - largeOffset)
                {
                    throw new ModelFormatException($"{where} has custom options outside the file (bytes {largeOffset}..{largeOffset + largeSize}).");
                }

                custom = reader.Slice((long)largeOffset, (long)largeSize, "custom options");
            }

            return new Operator(
                index,
                (int)opcode,
                [.. t.GetInt32Vector(OperatorFields.Inputs, "inputs")],
                [.. t.GetInt32Vector(OperatorFields.Outputs, "outputs")],
                options,
                custom,
                [.. t.GetInt32Vector(OperatorFields.Intermediates, "intermediates")]);
        }
        catch (ModelFormatException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new ModelFormatException($"{where}: {e.Message}", e);
        }
    }

    internal static string Printable(string text)
    {
        var chars = text.Length > 64 ? text[..64].ToCharArray() : text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }
}
