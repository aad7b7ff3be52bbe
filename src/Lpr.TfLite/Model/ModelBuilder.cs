using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lpr.TfLite.Format;

namespace Lpr.TfLite.Model;

/// <summary>
/// Builds a single-subgraph model in code: add tensors (constants carry their data), add operators in
/// execution order, name the graph's inputs and outputs, then <see cref="Build"/> (validated, with the
/// lowest operator versions) or <see cref="ToBytes"/> (a .tflite file). Not thread-safe.
/// </summary>
/// <example>
/// <code>
/// var b = new ModelBuilder();
/// var x = b.AddTensor("x", TensorType.Int8, [1, 8, 8, 3], QuantizationParameters.PerTensor(0.5f, -1));
/// var w = b.AddConstant("w", TensorType.Int8, [4, 3, 3, 3], weights, QuantizationParameters.PerChannel(scales, 0));
/// var y = b.AddTensor("y", TensorType.Int8, [1, 8, 8, 4], QuantizationParameters.PerTensor(0.25f, 3));
/// b.AddOperator(BuiltinOperator.Conv2D, [x, w, -1], [y], new Conv2DOptions(Padding.Same, 1, 1));
/// b.SetInputs(x); b.SetOutputs(y);
/// byte[] file = b.ToBytes();
/// </code>
/// </example>
public sealed class ModelBuilder
{
    private readonly List<ReadOnlyMemory<byte>> _buffers = [ReadOnlyMemory<byte>.Empty];
    private readonly List<TensorInfo> _tensors = [];
    private readonly List<PendingOperator> _operators = [];
    private readonly List<ModelMetadata> _metadata = [];
    private int[] _inputs = [];
    private int[] _outputs = [];

    public string Description { get; set; } = "Lpr.TfLite ModelBuilder";

    public string SubGraphName { get; set; } = "main";

    public int TensorCount => _tensors.Count;

    /// <summary>Adds a raw buffer and returns its index (0 is reserved for the empty sentinel).</summary>
    public int AddBuffer(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            return 0;
        }

        _buffers.Add(data);
        return _buffers.Count - 1;
    }

    /// <summary>Adds a tensor (activation when <paramref name="data"/> is empty, constant otherwise); returns its index.</summary>
    public int AddTensor(
        string name,
        TensorType type,
        ReadOnlySpan<int> shape,
        QuantizationParameters? quantization = null,
        ReadOnlyMemory<byte> data = default,
        bool isVariable = false)
    {
        var index = _tensors.Count;
        var buffer = AddBuffer(data);
        _tensors.Add(new TensorInfo(index, name, type, [.. shape], buffer, _buffers[buffer], quantization, isVariable));
        return index;
    }

    /// <summary>Adds a constant tensor from typed values (stored little-endian); returns its index.</summary>
    public int AddConstant<T>(string name, TensorType type, ReadOnlySpan<int> shape, ReadOnlySpan<T> values, QuantizationParameters? quantization = null)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ModelBuilder stores typed constants by memory copy and needs a little-endian machine.");
        }

        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (bytes.Length == 0)
        {
            // Without data the tensor would silently become an activation (empty buffers mean "no data").
            throw new ArgumentException($"Constant '{name}' has no values.", nameof(values));
        }

        return AddTensor(name, type, shape, quantization, bytes);
    }

    /// <summary>
    /// Adds a builtin operator after those already added. Inputs may contain -1 for an absent optional
    /// input. <paramref name="version"/> defaults to the lowest version that expresses the operator.
    /// Returns the operator's index.
    /// </summary>
    public int AddOperator(BuiltinOperator op, ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, OperatorOptions? options = null, int? version = null)
    {
        if (op == BuiltinOperator.Custom)
        {
            throw new ArgumentException("Use AddCustomOperator for custom operators.", nameof(op));
        }

        _operators.Add(new PendingOperator(op, null, [.. inputs], [.. outputs], options, default, version));
        return _operators.Count - 1;
    }

    /// <summary>Adds a custom operator identified by name (e.g. "edgetpu-custom-op"); returns its index.</summary>
    public int AddCustomOperator(string customCode, ReadOnlySpan<int> inputs, ReadOnlySpan<int> outputs, ReadOnlyMemory<byte> customOptions = default, int version = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(customCode);
        _operators.Add(new PendingOperator(BuiltinOperator.Custom, customCode, [.. inputs], [.. outputs], null, customOptions, version));
        return _operators.Count - 1;
    }

    public void SetInputs(params ReadOnlySpan<int> tensors) => _inputs = tensors.ToArray();

    public void SetOutputs(params ReadOnlySpan<int> tensors) => _outputs = tensors.ToArray();

    /// <summary>Adds a metadata entry (name + bytes), e.g. "min_runtime_version".</summary>
    public void AddMetadata(string name, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _buffers.Add(data);
        _metadata.Add(new ModelMetadata(name, _buffers.Count - 1));
    }

    /// <summary>The validated immutable model (throws <see cref="ModelFormatException"/> naming what is wrong).</summary>
    public TfLiteModel Build()
    {
        var codes = new List<OperatorCode>();
        var codeIndex = new Dictionary<OperatorCode, int>();
        var operators = ImmutableArray.CreateBuilder<Operator>(_operators.Count);
        for (var i = 0; i < _operators.Count; i++)
        {
            var p = _operators[i];
            var version = p.Version ?? OperatorVersions.Minimum(
                p.Op,
                [.. p.Inputs.Select(t => t >= 0 && t < _tensors.Count ? _tensors[t] : null)],
                [.. p.Outputs.Where(t => t >= 0 && t < _tensors.Count).Select(t => _tensors[t])],
                p.Options);
            var code = new OperatorCode(p.Op, p.CustomCode, version);
            if (!codeIndex.TryGetValue(code, out var index))
            {
                index = codes.Count;
                codes.Add(code);
                codeIndex.Add(code, index);
            }

            operators.Add(new Operator(i, index, [.. p.Inputs], [.. p.Outputs], p.Options, p.CustomOptions));
        }

        var graph = new SubGraph([.. _tensors], [.. _inputs], [.. _outputs], operators.MoveToImmutable(), SubGraphName);
        var model = new TfLiteModel([.. codes], [graph], [.. _buffers], Description, TfLiteInfo.SchemaVersion, [.. _metadata]);
        ModelValidator.Validate(model);
        return model;
    }

    /// <summary>Builds and serializes the model to .tflite bytes.</summary>
    public byte[] ToBytes() => ModelWriter.Write(Build());

    private sealed record PendingOperator(
        BuiltinOperator Op,
        string? CustomCode,
        int[] Inputs,
        int[] Outputs,
        OperatorOptions? Options,
        ReadOnlyMemory<byte> CustomOptions,
        int? Version);
}
