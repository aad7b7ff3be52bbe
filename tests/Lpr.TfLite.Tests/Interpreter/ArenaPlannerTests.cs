using CsCheck;
using Lpr.TfLite.Interpreter;

namespace Lpr.TfLite.Tests.Interpreter;

public sealed class ArenaPlannerTests
{
    [Fact]
    public void Tensors_with_disjoint_lifetimes_share_memory()
    {
        var (offsets, size) = ArenaPlanner.Plan([new(1000, 0, 1), new(1000, 2, 3)]);
        Assert.Equal(offsets[0], offsets[1]);
        Assert.Equal(1024, size);
    }

    [Fact]
    public void Overlapping_lifetimes_never_overlap_in_memory() =>
        Gen.Select(Gen.Int[0, 5000], Gen.Int[0, 20], Gen.Int[0, 5]).List[1, 40].Sample(items =>
        {
            var requests = items.Select(t => new ArenaPlanner.Request(t.Item1, t.Item2, t.Item2 + t.Item3)).ToArray();
            var (offsets, size) = ArenaPlanner.Plan(requests);
            for (var i = 0; i < requests.Length; i++)
            {
                Assert.Equal(0, offsets[i] % ArenaPlanner.Alignment);
                Assert.True(offsets[i] + requests[i].Size <= size);
                for (var j = i + 1; j < requests.Length; j++)
                {
                    var liveTogether = requests[i].FirstUse <= requests[j].LastUse && requests[j].FirstUse <= requests[i].LastUse;
                    var disjoint = offsets[i] + requests[i].Size <= offsets[j] || offsets[j] + requests[j].Size <= offsets[i];
                    Assert.True(!liveTogether || disjoint || requests[i].Size == 0 || requests[j].Size == 0, $"{i} and {j} collide");
                }
            }
        });

    [Fact]
    public void Huge_requests_are_planned_in_64_bits_without_overflow()
    {
        // Two live 2 GiB tensors: the plan is arithmetic only; the interpreter compares it with its budget.
        var (offsets, size) = ArenaPlanner.Plan([new(int.MaxValue, 0, 1), new(int.MaxValue, 1, 2)]);
        Assert.Equal(0, Math.Min(offsets[0], offsets[1]));
        Assert.True(size >= 2L * int.MaxValue, $"arena {size}");
    }

    [Fact]
    public void Invalid_lifetime_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ArenaPlanner.Plan([new(10, 3, 1)]));
    }
}
