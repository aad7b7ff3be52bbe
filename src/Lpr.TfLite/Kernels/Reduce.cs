using Lpr.TfLite.Model;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Shared part of MEAN, SUM and REDUCE_MAX: resolves the constant axes (negative, duplicated), checks the
/// output shape (keep_dims or not) and maps every input element to its output element once, at Prepare.
/// </summary>
internal abstract class Reduce : OpKernel
{
    protected Reduce(KernelContext context)
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

        // Output index of every input element (row-major walk of the input).
        OutputIndex = context.Scratch<int>(Input.ElementCount, "output index map");
        var index = new int[rank];
        for (var flat = 0; flat < OutputIndex.Length; flat++)
        {
            var outFlat = 0;
            for (var d = 0; d < rank; d++)
            {
                if (!reduced[d])
                {
                    outFlat = (outFlat * Input.Shape[d]) + index[d];
                }
            }

            OutputIndex[flat] = outFlat;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < Input.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

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
