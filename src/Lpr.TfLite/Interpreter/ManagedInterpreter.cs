using System.Diagnostics;
using Lpr.TfLite.Format;
using Lpr.TfLite.Kernels;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Interpreter;

/// <summary>
/// Runs int8/uint8 TFLite models in managed code, bit-exact with TFLite 2.2's integer kernels.
/// At construction every operator is resolved and prepared (shapes checked, multipliers computed, weights
/// packed) and all activations are placed in one arena by lifetime; <see cref="Invoke"/> then only computes
/// and allocates nothing. What grows with the tensor sizes a model declares (arena, scratch tables) is
/// bounded by <see cref="ManagedInterpreterOptions.MaxArenaBytes"/>, so a hostile model fails at load with a
/// <see cref="ModelFormatException"/> instead of exhausting memory.
/// Threading: an instance owns mutable buffers (arena, kernel scratch) and is NOT thread-safe. Use one
/// interpreter per thread; instances can share the same immutable <see cref="TfLiteModel"/>.
/// </summary>
public sealed class ManagedInterpreter : IInferenceEngine
{
    /// <summary>
    /// The most activation tensors one interpreter plans (far above real models: a MobileNet has about a
    /// hundred, large detectors a few thousand). Arena planning is quadratic in their number, so without
    /// a bound a few-megabyte file of a million tiny operators would take hours to load.
    /// </summary>
    public const int MaxActivationTensors = 16384;

    /// <summary>Where a user raises the memory budget, for error messages.</summary>
    private const string BudgetSetting = "ManagedInterpreterOptions.MaxArenaBytes, or EngineOptions.MaxArenaBytes through the factory";

    private readonly OpKernel[] kernels;
    private readonly KernelTensor[] inputs;
    private readonly KernelTensor[] outputs;
    private readonly byte[] arena;
    private bool disposed;

    public ManagedInterpreter(TfLiteModel model, ManagedInterpreterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ManagedInterpreterOptions();
        options.Validate();

        // The reader validates what it reads, but a TfLiteModel can also be made with its public constructor;
        // everything below relies on the validator's guarantees (indices in range, sizes without overflow).
        ModelValidator.Validate(model);
        var variant = !options.UseSimd ? KernelVariant.Reference
            : options.SimdPath == SimdPath.Portable ? KernelVariant.PortableSimd
            : KernelVariant.Simd;
        var budget = new MemoryBudget(options.MaxArenaBytes);
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

            // One activation larger than the whole budget is refused before anything is sized by it.
            var bytes = KernelTensor.ByteSizeOf(info);
            if (!info.IsConstant && bytes > budget.Limit)
            {
                throw new ModelFormatException(
                    $"Tensor #{i} '{info.Name}' {info.Type.ToSchemaName()}[{info.ShapeText}] needs {Bytes(bytes)} bytes, more than the managed interpreter's " +
                    $"memory budget of {budget.Limit} bytes ({BudgetSetting}).");
            }

            tensors[i] = new KernelTensor(info);
        }

        // Lifetimes of activations -> arena offsets, planned (arithmetic only) before any kernel allocates, so
        // that an arena over budget fails first and kernels' scratch is charged against what is left.
        var activationIndices = Enumerable.Range(0, tensors.Length).Where(i => tensors[i] is { IsConstant: false }).ToArray();
        if (activationIndices.Length > MaxActivationTensors)
        {
            throw new ModelFormatException(
                $"The model has {activationIndices.Length} activation tensors; the managed interpreter plans at most {MaxActivationTensors}.");
        }

        var (offsets, arenaSize) = ArenaPlanner.Plan(ArenaRequests(graph, tensors, activationIndices));
        if (!budget.TryReserve(arenaSize))
        {
            var top = Enumerable.Range(0, activationIndices.Length).MaxBy(k => offsets[k] + tensors[activationIndices[k]]!.ByteLength);
            var tensor = tensors[activationIndices[top]]!;
            throw new ModelFormatException(
                $"The model's activations need an arena of {arenaSize} bytes (tensors live at the same time cannot share memory), more than the " +
                $"managed interpreter's memory budget of {budget.Limit} bytes ({BudgetSetting}); the tensor placed highest is " +
                $"#{tensor.Info.Index} '{tensor.Name}' {tensor.Type.ToSchemaName()}[{tensor.Info.ShapeText}], {tensor.ByteLength} bytes at offset {offsets[top]}.");
        }

        // Constants live in their own block (copied once, so the model's memory can be released). Their data
        // is in the model already, so the block is bounded by the model's size and not charged to the budget.
        var constantIndices = Enumerable.Range(0, tensors.Length).Where(i => tensors[i] is { IsConstant: true }).ToArray();
        var constantOffsets = new long[constantIndices.Length];
        long constantSize = 0;
        for (var k = 0; k < constantIndices.Length; k++)
        {
            constantOffsets[k] = constantSize;
            constantSize += Align(tensors[constantIndices[k]]!.ByteLength);
        }

        if (constantSize > Array.MaxLength)
        {
            throw new ModelFormatException($"The model's {constantIndices.Length} constant tensors need {constantSize} bytes, more than one array holds.");
        }

        var constants = new byte[constantSize];
        for (var k = 0; k < constantIndices.Length; k++)
        {
            var tensor = tensors[constantIndices[k]]!;
            tensor.Info.Data.Span[..tensor.ByteLength].CopyTo(constants.AsSpan((int)constantOffsets[k]));
            tensor.Bind(constants, (int)constantOffsets[k]);
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

            kernels[n] = OpResolver.Prepare(new KernelContext(op, code, tensors, budget), variant);
            foreach (var index in op.Outputs)
            {
                if (index >= 0)
                {
                    written[index] = true;
                }
            }
        }

        // The budget (at most Array.MaxLength) holds the arena, so these casts cannot overflow.
        arena = new byte[arenaSize];
        for (var k = 0; k < activationIndices.Length; k++)
        {
            tensors[activationIndices[k]]!.Bind(arena, (int)offsets[k]);
        }

        ArenaSize = (int)arenaSize;
        ConstantsSize = (int)constantSize;
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

    /// <summary>"managed", with the reason when <see cref="InferenceBackend.Auto"/> fell back to it.</summary>
    public string Description => FallbackReason is null ? BackendName : $"{BackendName} (auto fallback: {FallbackReason})";

    /// <summary>Why <see cref="InferenceBackend.Auto"/> chose this interpreter over a native backend, or null.</summary>
    public string? FallbackReason { get; internal set; }

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

    /// <summary>Operators of the main graph, in the order <see cref="Invoke"/> runs them.</summary>
    public int OperatorCount => kernels.Length;

    /// <summary>
    /// Runs the graph once as <see cref="Invoke"/> does and adds each operator's time (<see cref="Stopwatch"/>
    /// ticks) to <paramref name="elapsedTicks"/>[n], so repeated calls accumulate a per-operator profile
    /// (<c>lpr model profile</c>). Kept apart from <see cref="Invoke"/> so the hot path reads no clock.
    /// </summary>
    public void InvokeProfiled(Span<long> elapsedTicks)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (elapsedTicks.Length < kernels.Length)
        {
            throw new ArgumentException($"The model has {kernels.Length} operators; the profile span holds {elapsedTicks.Length}.", nameof(elapsedTicks));
        }

        for (var n = 0; n < kernels.Length; n++)
        {
            var started = Stopwatch.GetTimestamp();
            kernels[n].Eval();
            elapsedTicks[n] += Stopwatch.GetTimestamp() - started;
        }
    }

    public void Dispose() => disposed = true;

    private static long Align(int size) => ((long)size + ArenaPlanner.Alignment - 1) / ArenaPlanner.Alignment * ArenaPlanner.Alignment;

    private static string Bytes(long bytes) => bytes == long.MaxValue ? "more than 2^63" : bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// One arena request per activation: live from the operator that writes it to the last that reads it.
    /// Graph inputs stay intact for the whole run, so a caller may fill them once and invoke repeatedly.
    /// </summary>
    private static ArenaPlanner.Request[] ArenaRequests(SubGraph graph, KernelTensor?[] tensors, int[] activationIndices)
    {
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

        var end = graph.Operators.Length;
        foreach (var index in graph.Inputs)
        {
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

        return [.. activationIndices.Select(i =>
        {
            var first = firstUse[i] == int.MaxValue ? end : firstUse[i];
            return new ArenaPlanner.Request(tensors[i]!.ByteLength, first, Math.Max(lastUse[i], first));
        })];
    }
}
