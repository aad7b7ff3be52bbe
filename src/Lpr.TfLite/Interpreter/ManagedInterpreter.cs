using Lpr.TfLite.Format;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Interpreter;

/// <summary>
/// Runs int8/uint8 TFLite models in managed code, bit-exact with TFLite 2.2's integer kernels.
/// At construction every operator is resolved and prepared (shapes checked, multipliers computed, weights
/// packed) and all activations are placed in one arena by lifetime; <see cref="Invoke"/> then only computes
/// and allocates nothing.
/// Threading: an instance owns mutable buffers (arena, kernel scratch) and is NOT thread-safe. Use one
/// interpreter per thread; instances can share the same immutable <see cref="TfLiteModel"/>.
/// </summary>
public sealed class ManagedInterpreter : IInferenceEngine
{
    private readonly OpKernel[] kernels;
    private readonly KernelTensor[] inputs;
    private readonly KernelTensor[] outputs;
    private readonly byte[] arena;
    private bool disposed;

    public ManagedInterpreter(TfLiteModel model, ManagedInterpreterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ManagedInterpreterOptions();
        var variant = options.UseSimd ? KernelVariant.Simd : KernelVariant.Reference;
        var graph = model.MainGraph;
        var tensors = new KernelTensor?[graph.Tensors.Length];

        // Which tensors are actually used (inputs, outputs, operator operands): only those are materialized.
        var used = new bool[tensors.Length];
        foreach (var index in graph.Inputs.Concat(graph.Outputs).Concat(graph.Operators.SelectMany(o => o.Inputs.Concat(o.Outputs))))
        {
            if (index >= 0)
            {
                used[index] = true;
            }
        }

        for (var i = 0; i < tensors.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            var info = graph.Tensors[i];
            if (info.Type.ElementSize() == 0)
            {
                throw new UnsupportedOperatorException($"Tensor #{i} '{info.Name}' has type {info.Type.ToSchemaName()}, which the managed interpreter cannot hold.");
            }

            if (info.IsVariable)
            {
                throw new UnsupportedOperatorException($"Tensor #{i} '{info.Name}' is a variable tensor; the managed interpreter has no stateful operators.");
            }

            tensors[i] = new KernelTensor(info);
        }

        // Constants live in their own block (copied once, so the model's memory can be released).
        var constantIndices = Enumerable.Range(0, tensors.Length).Where(i => tensors[i] is { IsConstant: true }).ToArray();
        var constantOffsets = new int[constantIndices.Length];
        var constantSize = 0;
        for (var k = 0; k < constantIndices.Length; k++)
        {
            constantOffsets[k] = constantSize;
            constantSize = checked(constantSize + Align(tensors[constantIndices[k]]!.ByteLength));
        }

        var constants = new byte[constantSize];
        for (var k = 0; k < constantIndices.Length; k++)
        {
            var tensor = tensors[constantIndices[k]]!;
            tensor.Info.Data.Span[..tensor.ByteLength].CopyTo(constants.AsSpan(constantOffsets[k]));
            tensor.Bind(constants, constantOffsets[k]);
        }

        // Prepare every operator in execution order, checking that operands are written before they are read.
        var written = new bool[tensors.Length];
        foreach (var index in graph.Inputs)
        {
            written[index] = true;
        }

        kernels = new OpKernel[graph.Operators.Length];
        for (var n = 0; n < kernels.Length; n++)
        {
            var op = graph.Operators[n];
            var code = model.GetOperatorCode(op);
            foreach (var index in op.Inputs)
            {
                if (index >= 0 && !written[index] && !tensors[index]!.IsConstant)
                {
                    throw new ModelFormatException($"Operator {n} ({code.Name}) reads tensor #{index} '{graph.Tensors[index].Name}' before any operator writes it.");
                }
            }

            kernels[n] = OpResolver.Prepare(new KernelContext(op, code, tensors), variant);
            foreach (var index in op.Outputs)
            {
                if (index >= 0)
                {
                    written[index] = true;
                }
            }
        }

        // Lifetimes of activations -> arena offsets.
        var activationIndices = Enumerable.Range(0, tensors.Length).Where(i => tensors[i] is { IsConstant: false }).ToArray();
        var firstUse = new int[tensors.Length];
        var lastUse = new int[tensors.Length];
        Array.Fill(firstUse, int.MaxValue);
        Array.Fill(lastUse, -1);
        void Touch(int tensorIndex, int time)
        {
            if (tensorIndex >= 0 && tensors[tensorIndex] is { IsConstant: false })
            {
                firstUse[tensorIndex] = Math.Min(firstUse[tensorIndex], time);
                lastUse[tensorIndex] = Math.Max(lastUse[tensorIndex], time);
            }
        }

        var end = kernels.Length;
        foreach (var index in graph.Inputs)
        {
            // Inputs stay intact for the whole run, so a caller may fill them once and invoke repeatedly.
            Touch(index, -1);
            Touch(index, end);
        }

        for (var n = 0; n < graph.Operators.Length; n++)
        {
            foreach (var index in graph.Operators[n].Inputs.Concat(graph.Operators[n].Outputs))
            {
                Touch(index, n);
            }
        }

        foreach (var index in graph.Outputs)
        {
            Touch(index, end);
        }

        var requests = activationIndices
            .Select(i => new ArenaPlanner.Request(tensors[i]!.ByteLength, firstUse[i] == int.MaxValue ? end : firstUse[i], Math.Max(lastUse[i], firstUse[i] == int.MaxValue ? end : firstUse[i])))
            .ToArray();
        var (offsets, arenaSize) = ArenaPlanner.Plan(requests);
        arena = new byte[arenaSize];
        for (var k = 0; k < activationIndices.Length; k++)
        {
            tensors[activationIndices[k]]!.Bind(arena, offsets[k]);
        }

        ArenaSize = arenaSize;
        ConstantsSize = constantSize;
        inputs = [.. graph.Inputs.Select(i => tensors[i]!)];
        outputs = [.. graph.Outputs.Select(i => tensors[i]!)];
        Inputs = [.. inputs.Select(t => t.Info)];
        Outputs = [.. outputs.Select(t => t.Info)];
    }

    /// <summary>Loads and runs a model file.</summary>
    public static ManagedInterpreter FromFile(string path, ManagedInterpreterOptions? options = null) =>
        new(ModelReader.ReadFile(path), options);

    /// <summary>The backend name the recognizer reports.</summary>
    public string BackendName => "managed";

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Bytes of the activation arena (all non-constant tensors, lifetimes overlapped).</summary>
    public int ArenaSize { get; }

    /// <summary>Bytes of the constants block (weights, biases, shape operands).</summary>
    public int ConstantsSize { get; }

    /// <summary>The operators this interpreter implements.</summary>
    public static IReadOnlyCollection<BuiltinOperator> SupportedOperators => OpResolver.SupportedOperators;

    public Span<byte> GetInputBuffer(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return (uint)index < (uint)inputs.Length
            ? inputs[index].Bytes
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The model has {inputs.Length} inputs.");
    }

    public ReadOnlySpan<byte> GetOutputBuffer(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return (uint)index < (uint)outputs.Length
            ? outputs[index].Bytes
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The model has {outputs.Length} outputs.");
    }

    public void Invoke()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var kernel in kernels)
        {
            kernel.Eval();
        }
    }

    public void Dispose() => disposed = true;

    private static int Align(int size) => checked((size + ArenaPlanner.Alignment - 1) / ArenaPlanner.Alignment * ArenaPlanner.Alignment);
}
