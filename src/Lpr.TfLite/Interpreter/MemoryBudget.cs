namespace Lpr.TfLite.Interpreter;

/// <summary>
/// The bytes one interpreter may allocate for what grows with the model's declared tensor sizes: the
/// activation arena, then the operators' scratch tables (broadcast, transpose and reduction index maps, the
/// packed right operand of a matmul). Each amount is reserved before it is allocated, so a small file
/// that declares huge tensors fails at load with the sizes named instead of exhausting memory. Packed
/// weights are not charged: they are a small multiple of constant data that the model file already holds.
/// </summary>
internal sealed class MemoryBudget
{
    public MemoryBudget(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
    }

    /// <summary>No limit beyond what an array can hold (kernels prepared outside an interpreter, in tests).</summary>
    public static MemoryBudget Unlimited => new(long.MaxValue);

    public long Limit { get; }

    public long Reserved { get; private set; }

    public long Remaining => Limit - Reserved;

    /// <summary>Reserves <paramref name="bytes"/>, or returns false and reserves nothing when they do not fit.</summary>
    public bool TryReserve(long bytes)
    {
        if (bytes < 0 || bytes > Remaining)
        {
            return false;
        }

        Reserved += bytes;
        return true;
    }
}
