using System.Collections.Immutable;
using Lpr.TfLite.Format;

namespace Lpr.TfLite.Model;

/// <summary>
/// A loaded .tflite model: immutable, validated by <see cref="ModelReader"/> (every index in range,
/// every constant buffer the size its shape and type demand). Safe to share between threads.
/// </summary>
public sealed class TfLiteModel
{
    public TfLiteModel(
        ImmutableArray<OperatorCode> operatorCodes,
        ImmutableArray<SubGraph> subGraphs,
        ImmutableArray<ReadOnlyMemory<byte>> buffers,
        string description = "",
        int version = TfLiteInfo.SchemaVersion,
        ImmutableArray<ModelMetadata> metadata = default)
    {
        OperatorCodes = operatorCodes.IsDefault ? [] : operatorCodes;
        SubGraphs = subGraphs.IsDefault ? [] : subGraphs;
        Buffers = buffers.IsDefault ? [] : buffers;
        Description = description ?? string.Empty;
        Version = version;
        Metadata = metadata.IsDefault ? [] : metadata;
    }

    /// <summary>Schema version stored in the file (3 for every current model).</summary>
    public int Version { get; }

    public string Description { get; }

    public ImmutableArray<OperatorCode> OperatorCodes { get; }

    public ImmutableArray<SubGraph> SubGraphs { get; }

    /// <summary>Raw buffers; index 0 is the empty sentinel that tensors without data point at.</summary>
    public ImmutableArray<ReadOnlyMemory<byte>> Buffers { get; }

    public ImmutableArray<ModelMetadata> Metadata { get; }

    /// <summary>Subgraph 0, the graph that inference runs.</summary>
    public SubGraph MainGraph => SubGraphs.Length > 0
        ? SubGraphs[0]
        : throw new InvalidOperationException("The model has no subgraph.");

    /// <summary>The operator code of <paramref name="op"/>.</summary>
    public OperatorCode GetOperatorCode(Operator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return OperatorCodes[op.OpcodeIndex];
    }

    /// <summary>The buffer of a metadata entry by name, or empty when absent.</summary>
    public ReadOnlyMemory<byte> GetMetadata(string name)
    {
        foreach (var entry in Metadata)
        {
            if (entry.Name == name)
            {
                return Buffers[entry.BufferIndex];
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Reads and validates a model file.</summary>
    public static TfLiteModel Load(string path) => ModelReader.ReadFile(path);

    /// <summary>Reads and validates a model held in memory (the bytes are referenced, not copied).</summary>
    public static TfLiteModel FromBytes(ReadOnlyMemory<byte> bytes) => ModelReader.Read(bytes);

    /// <summary>Serializes this model to .tflite bytes.</summary>
    public byte[] ToBytes() => ModelWriter.Write(this);
}
