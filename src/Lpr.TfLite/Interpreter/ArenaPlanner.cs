namespace Lpr.TfLite.Interpreter;

/// <summary>
/// Places tensors in one arena so that tensors whose lifetimes do not overlap share memory (a greedy
/// best-fit by decreasing size, as TFLite's greedy planner). Lifetimes are operator indices: a tensor is
/// live from the operator that writes it to the last operator that reads it, both inclusive.
/// Planned once at load; Invoke never allocates.
/// </summary>
internal static class ArenaPlanner
{
    /// <summary>Offsets are multiples of this (cache lines; also keeps SIMD loads aligned).</summary>
    public const int Alignment = 64;

    /// <summary>One buffer to place.</summary>
    public readonly record struct Request(int Size, int FirstUse, int LastUse);

    /// <summary>Returns an offset per request and the arena size.</summary>
    public static (int[] Offsets, int ArenaSize) Plan(IReadOnlyList<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var offsets = new int[requests.Count];
        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests[i].Size)
            .ThenBy(i => requests[i].FirstUse)
            .ToArray();
        var placed = new List<int>();
        long arenaSize = 0;
        foreach (var index in order)
        {
            var request = requests[index];
            if (request.Size < 0 || request.FirstUse > request.LastUse)
            {
                throw new ArgumentException($"Request {index} is invalid: size {request.Size}, lifetime {request.FirstUse}..{request.LastUse}.", nameof(requests));
            }

            // Live neighbours sorted by offset; take the first gap that fits.
            var live = placed
                .Where(p => requests[p].FirstUse <= request.LastUse && request.FirstUse <= requests[p].LastUse)
                .OrderBy(p => offsets[p])
                .ToList();
            long candidate = 0;
            foreach (var other in live)
            {
                if (candidate + request.Size <= offsets[other])
                {
                    break;
                }

                candidate = Math.Max(candidate, Align((long)offsets[other] + requests[other].Size));
            }

            offsets[index] = checked((int)candidate);
            arenaSize = Math.Max(arenaSize, candidate + request.Size);
            placed.Add(index);
        }

        return (offsets, checked((int)Align(arenaSize)));
    }

    private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;
}
