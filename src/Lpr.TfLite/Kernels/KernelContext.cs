using System.Runtime.CompilerServices;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>What an op's Prepare receives: the operator, its tensors, and helpers that fail with clear messages.</summary>
internal sealed class KernelContext
{
    private readonly KernelTensor?[] tensors;
    private readonly MemoryBudget budget;

    /// <param name="budget">What scratch may still be allocated (the interpreter's budget after the arena); null = unlimited.</param>
    public KernelContext(Operator op, OperatorCode code, KernelTensor?[] tensors, MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(code);
        Operator = op;
        Code = code;
        this.tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        this.budget = budget ?? MemoryBudget.Unlimited;
    }

    public Operator Operator { get; }

    public OperatorCode Code { get; }

    public string OpName => Code.Name;

    public int InputCount => Operator.Inputs.Length;

    public int OutputCount => Operator.Outputs.Length;

    /// <summary>Input <paramref name="index"/>; fails when it is absent.</summary>
    public KernelTensor Input(int index) => OptionalInput(index)
        ?? throw Invalid($"input {index} is missing");

    /// <summary>Input <paramref name="index"/>, or null when the operator omits it (index -1 or past the end).</summary>
    public KernelTensor? OptionalInput(int index)
    {
        if (index >= Operator.Inputs.Length || Operator.Inputs[index] < 0)
        {
            return null;
        }

        return tensors[Operator.Inputs[index]];
    }

    public KernelTensor Output(int index) => index < Operator.Outputs.Length && Operator.Outputs[index] >= 0
        ? tensors[Operator.Outputs[index]] ?? throw Invalid($"output {index} is missing")
        : throw Invalid($"output {index} is missing");

    public T Options<T>()
        where T : OperatorOptions => Operator.Options as T ?? throw Invalid($"expected {typeof(T).Name}, got {Operator.Options?.GetType().Name ?? "no options"}");

    public T? OptionalOptions<T>()
        where T : OperatorOptions => Operator.Options as T;

    /// <summary>
    /// A scratch array whose length grows with tensor sizes (index maps, packed activations), charged to the
    /// interpreter's memory budget first: a model whose declared shapes would need more fails naming this
    /// operator and the sizes instead of allocating. <paramref name="count"/> is 64-bit so that callers can
    /// multiply dimensions without overflowing.
    /// </summary>
    public T[] Scratch<T>(long count, string what)
        where T : unmanaged
    {
        if (count == 0)
        {
            return [];
        }

        // A negative count is a dimension product that wrapped around: refused like one over budget.
        var bytes = count > 0 && count <= Array.MaxLength ? count * Unsafe.SizeOf<T>() : -1;
        if (bytes < 0 || !budget.TryReserve(bytes))
        {
            throw Invalid(
                $"its {what} needs {count} x {Unsafe.SizeOf<T>()} bytes, but only {Math.Max(0, budget.Remaining)} bytes of the managed interpreter's " +
                $"memory budget of {budget.Limit} bytes (MaxArenaBytes) are left after the arena and the other operators");
        }

        return new T[count];
    }

    public void ExpectCounts(int inputs, int outputs)
    {
        if (InputCount < inputs)
        {
            throw Invalid($"expects {inputs} inputs, has {InputCount}");
        }

        if (OutputCount != outputs)
        {
            throw Invalid($"expects {outputs} outputs, has {OutputCount}");
        }
    }

    /// <summary>A model-format error naming this operator (bad shapes, inconsistent quantization).</summary>
    public ModelFormatException Invalid(string reason) =>
        new($"Operator {Operator.Index} ({OpName}): {reason}.");

    /// <summary>An unsupported-operator error naming this operator (a type or option this runtime does not implement).</summary>
    public UnsupportedOperatorException Unsupported(string reason) => new(OpName, Operator.Index, reason);

    public void ExpectType(KernelTensor tensor, string role, params TensorType[] allowed)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (Array.IndexOf(allowed, tensor.Type) < 0)
        {
            throw Unsupported($"{role} tensor '{tensor.Name}' has type {tensor.Type.ToSchemaName()}, supported: {string.Join(", ", allowed.Select(t => t.ToSchemaName()))}");
        }
    }

    public void ExpectSameType(KernelTensor a, KernelTensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Type != b.Type)
        {
            throw Invalid($"tensor '{a.Name}' is {a.Type.ToSchemaName()} but '{b.Name}' is {b.Type.ToSchemaName()}");
        }
    }

    public void ExpectRank(KernelTensor tensor, string role, int rank)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank != rank)
        {
            throw Invalid($"{role} tensor '{tensor.Name}' must have rank {rank}, has shape [{string.Join(',', tensor.Shape)}]");
        }
    }

    public void ExpectQuantized(KernelTensor tensor, string role)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Scale <= 0f || !float.IsFinite(tensor.Scale))
        {
            throw Invalid($"{role} tensor '{tensor.Name}' needs a positive quantization scale");
        }
    }

    /// <summary>Checks that the model's declared output shape equals the shape the op computes.</summary>
    public void ExpectShape(KernelTensor tensor, ReadOnlySpan<int> expected)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.Shape.AsSpan().SequenceEqual(expected))
        {
            throw Invalid($"tensor '{tensor.Name}' has shape [{string.Join(',', tensor.Shape)}], the operator produces [{string.Join(',', expected.ToArray())}]");
        }
    }

    /// <summary>Checks that a constant operand (weights, shape, axes) is constant.</summary>
    public void ExpectConstant(KernelTensor tensor, string role)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.IsConstant)
        {
            throw Unsupported($"{role} tensor '{tensor.Name}' must be constant in this runtime");
        }
    }
}
