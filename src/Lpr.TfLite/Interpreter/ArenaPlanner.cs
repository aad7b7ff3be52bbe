using System.Runtime.InteropServices;

namespace Lpr.TfLite.Interpreter;

/// <summary>
/// Places tensors in one arena so that tensors whose lifetimes do not overlap share memory (a greedy
/// best-fit by decreasing size, as TFLite's greedy planner). Lifetimes are operator indices: a tensor is
/// live from the operator that writes it to the last operator that reads it, both inclusive.
/// Planned once at load; Invoke never allocates. Offsets and the arena size are 64-bit, so a plan of huge
/// (hostile) tensors never overflows: the interpreter compares the size with its memory budget before it
/// allocates anything.
/// </summary>
internal static class ArenaPlanner
{
    /// <summary>Offsets are multiples of this (cache lines; also keeps SIMD loads aligned).</summary>
    public const int Alignment = 64;

    /// <summary>One buffer to place.</summary>
    public readonly record struct Request(int Size, int FirstUse, int LastUse);

    /// <summary>Returns an offset per request and the arena size (a multiple of <see cref="Alignment"/>).</summary>
    /// <remarks>
    /// Quadratic in the number of requests, as TFLite's greedy planners: each placement scans the buffers
    /// placed before it, kept sorted by offset so no per-placement sort is needed. The interpreter bounds the
    /// count (<see cref="ManagedInterpreter.MaxActivationTensors"/>).
    /// </remarks>
    public static (long[] Offsets, long ArenaSize) Plan(IReadOnlyList<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var offsets = new long[requests.Count];
        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests[i].Size)
            .ThenBy(i => requests[i].FirstUse)
            .ToArray();

        // Plain arrays for the inner loop (it runs n^2 / 2 times).
        var firstUse = requests.Select(r => r.FirstUse).ToArray();
        var lastUse = requests.Select(r => r.LastUse).ToArray();
        var sizes = requests.Select(r => r.Size).ToArray();

        // Placed requests by ascending offset; equal offsets keep their placement order.
        var placed = new List<int>(requests.Count);
        long arenaSize = 0;
        foreach (var index in order)
        {
            var request = requests[index];
            if (request.Size < 0 || request.FirstUse > request.LastUse)
            {
                throw new ArgumentException($"Request {index} is invalid: size {request.Size}, lifetime {request.FirstUse}..{request.LastUse}.", nameof(requests));
            }

            // First gap between live neighbours (by offset) that fits.
            long candidate = 0;
            foreach (var other in CollectionsMarshal.AsSpan(placed))
            {
                if (firstUse[other] > request.LastUse || request.FirstUse > lastUse[other])
                {
                    continue; // not live at the same time
                }

                if (candidate + request.Size <= offsets[other])
                {
                    break;
                }

                candidate = Math.Max(candidate, Align(offsets[other] + sizes[other]));
            }

            offsets[index] = candidate;
            arenaSize = Math.Max(arenaSize, candidate + request.Size);
            placed.Insert(UpperBound(placed, offsets, candidate), index);
        }

        return (offsets, Align(arenaSize));
    }

    /// <summary>The position after the last placed request whose offset is at most <paramref name="offset"/>.</summary>
    private static int UpperBound(List<int> placed, long[] offsets, long offset)
    {
        int low = 0, high = placed.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (offsets[placed[middle]] <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;
}
