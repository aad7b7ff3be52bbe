using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Shared part of MEAN, SUM and REDUCE_MAX: resolves the constant axes (negative, duplicated), checks the
/// output shape (keep_dims or not) and maps every input element to its output element once, at Prepare. When the
/// reduced axes are adjacent (the recognizer's MEAN over the 128 positions of [16,128,C]) the vectorized variants sum
/// whole rows of the innermost dimensions instead of scattering element by element through that map (integer sums,
/// so the order does not change them), eight lanes at a time on AVX2, four elsewhere.
/// </summary>
internal abstract class Reduce : OpKernel
{
    private readonly int outerCount, innerCount;
    private readonly bool blockedSum, vectorizedSum, vectorizedSum4;

    protected Reduce(KernelContext context, KernelVariant variant = KernelVariant.Reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ExpectCounts(2, 1);
        Input = context.Input(0);
        Output = context.Output(0);
        KeepDims = context.OptionalOptions<ReducerOptions>()?.KeepDims ?? false;
        context.ExpectType(Input, "input", TensorType.Int8, TensorType.UInt8, TensorType.Float32);
        context.ExpectSameType(Input, Output);
        var rank = Input.Rank;
        var axes = KernelUtil.ReadInt32Constant(context, context.Input(1), "axis");
        var reduced = new bool[rank];
        foreach (var axis in axes)
        {
            reduced[KernelUtil.ResolveAxis(context, axis, rank)] = true;
        }

        Axes = [.. Enumerable.Range(0, rank).Where(i => reduced[i])];
        var outShape = new List<int>();
        var count = 1;
        for (var i = 0; i < rank; i++)
        {
            if (reduced[i])
            {
                count *= Input.Shape[i];
                if (KeepDims)
                {
                    outShape.Add(1);
                }
            }
            else
            {
                outShape.Add(Input.Shape[i]);
            }
        }

        ReducedCount = count;
        context.ExpectShape(Output, [.. outShape]);
        if (variant != KernelVariant.Reference && Input.Type != TensorType.Float32 && Axes.Length > 0 && Axes[^1] - Axes[0] == Axes.Length - 1)
        {
            blockedSum = true;
            (vectorizedSum, vectorizedSum4, _) = LaneChoice.For(variant, eligible: true);
            outerCount = 1;
            innerCount = 1;
            for (var d = 0; d < Axes[0]; d++)
            {
                outerCount *= Input.Shape[d];
            }

            for (var d = Axes[^1] + 1; d < rank; d++)
            {
                innerCount *= Input.Shape[d];
            }
        }

        // The row sums never look elements up, so the map is built only for the scattering paths.
        OutputIndex = blockedSum ? [] : MapToOutput(context, Input, reduced);
        Sums = context.Scratch<int>(Output.ElementCount, "accumulators");
        FloatSums = Input.Type == TensorType.Float32 ? context.Scratch<float>(Output.ElementCount, "float accumulators") : [];
    }

    protected KernelTensor Input { get; }

    protected KernelTensor Output { get; }

    protected bool KeepDims { get; }

    /// <summary>The reduced dimensions, ascending, without duplicates.</summary>
    protected int[] Axes { get; }

    /// <summary>Number of input elements folded into each output element.</summary>
    protected int ReducedCount { get; }

    protected int[] OutputIndex { get; }

    /// <summary>Integer accumulators, one per output element (allocated once).</summary>
    protected int[] Sums { get; }

    protected float[] FloatSums { get; }

    /// <summary>Sums raw input values per output element into <see cref="Sums"/> (or <see cref="FloatSums"/>).</summary>
    protected void SumRaw()
    {
        var sums = Sums.AsSpan();
        sums.Clear();
        if (blockedSum && Input.Type == TensorType.Int8)
        {
            SumRows<sbyte>(Input.As<sbyte>(), sums);
            return;
        }

        if (blockedSum)
        {
            SumRows<byte>(Input.Bytes, sums);
            return;
        }

        switch (Input.Type)
        {
            case TensorType.Int8:
                var signed = Input.As<sbyte>();
                for (var i = 0; i < signed.Length; i++)
                {
                    sums[OutputIndex[i]] += signed[i];
                }

                break;
            case TensorType.UInt8:
                var unsigned = Input.Bytes;
                for (var i = 0; i < unsigned.Length; i++)
                {
                    sums[OutputIndex[i]] += unsigned[i];
                }

                break;
            default:
                var floats = FloatSums.AsSpan();
                floats.Clear();
                var values = Input.As<float>();
                for (var i = 0; i < values.Length; i++)
                {
                    floats[OutputIndex[i]] += values[i];
                }

                break;
        }
    }

    /// <summary>Output index of every input element (row-major walk of the input).</summary>
    private static int[] MapToOutput(KernelContext context, KernelTensor input, bool[] reduced)
    {
        var rank = input.Rank;
        var map = context.Scratch<int>(input.ElementCount, "output index map");
        var index = new int[rank];
        for (var flat = 0; flat < map.Length; flat++)
        {
            var outFlat = 0;
            for (var d = 0; d < rank; d++)
            {
                if (!reduced[d])
                {
                    outFlat = (outFlat * input.Shape[d]) + index[d];
                }
            }

            map[flat] = outFlat;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < input.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return map;
    }

    /// <summary>Input viewed as [outer][reduced][inner]: each reduced row of inner values added to its outer's sums.</summary>
    private void SumRows<T>(ReadOnlySpan<T> values, Span<int> sums)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var outer = 0; outer < outerCount; outer++)
        {
            var rowSums = sums.Slice(outer * innerCount, innerCount);
            for (var r = 0; r < ReducedCount; r++)
            {
                var row = values.Slice(((outer * ReducedCount) + r) * innerCount, innerCount);
                var k = 0;
                if (vectorizedSum)
                {
                    for (; k + Lanes8.Count <= innerCount; k += Lanes8.Count)
                    {
                        var slot = rowSums.Slice(k, Lanes8.Count);
                        (Vector256.Create<int>(slot) + Lanes8.Load(row.Slice(k))).CopyTo(slot);
                    }
                }
                else if (vectorizedSum4)
                {
                    for (; k + Lanes4.Count <= innerCount; k += Lanes4.Count)
                    {
                        var slot = rowSums.Slice(k, Lanes4.Count);
                        (Vector128.Create<int>(slot) + Lanes4.Load(row.Slice(k))).CopyTo(slot);
                    }
                }

                for (; k < innerCount; k++)
                {
                    rowSums[k] += int.CreateTruncating(row[k]);
                }
            }
        }
    }

    /// <summary>Writes an int32 result into the 8-bit output, truncating as a C++ static_cast does.</summary>
    protected void Store(int index, int value)
    {
        if (Output.Type == TensorType.Int8)
        {
            Output.As<sbyte>()[index] = unchecked((sbyte)value);
        }
        else
        {
            Output.Bytes[index] = unchecked((byte)value);
        }
    }
}
