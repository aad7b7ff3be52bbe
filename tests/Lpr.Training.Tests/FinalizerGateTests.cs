using System.Runtime.CompilerServices;

namespace Lpr.Training.Tests;

/// <summary>The gate that keeps TorchSharp's Scalar finalizers from freeing what libtorch still reads.</summary>
[Collection(SeededTorch.Name)]
public sealed class FinalizerGateTests
{
    [Fact]
    public void While_held_nothing_is_finalized_a_pass_runs_what_was_queued_and_disposing_frees_the_thread()
    {
        var finalized = new Finalized();
        using (var gate = FinalizerGate.Hold())
        {
            Abandon(finalized, "before pass");
            GC.Collect();
            Thread.Sleep(200);
            Assert.Empty(finalized.Names);

            gate.Pass();
            Assert.True(SpinWait.SpinUntil(() => finalized.Names.Contains("before pass"), TimeSpan.FromSeconds(10)), "a pass lets queued finalizers run");

            Abandon(finalized, "after pass");
            GC.Collect();
            Thread.Sleep(200);
            Assert.DoesNotContain("after pass", finalized.Names);
        }

        GC.WaitForPendingFinalizers();
        Assert.Contains("after pass", finalized.Names);
        Abandon(finalized, "after dispose");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Contains("after dispose", finalized.Names);
    }

    [Fact]
    public void Every_pass_runs_what_the_steps_before_it_queued()
    {
        // The finalizer thread takes the newest object first: a new sentinel must not overtake what waits.
        var finalized = new Finalized();
        using var gate = FinalizerGate.Hold();
        for (var step = 0; step < 6; step++)
        {
            Abandon(finalized, $"step {step}");
            GC.Collect();
            gate.Pass();
            Assert.True(SpinWait.SpinUntil(() => finalized.Names.Contains($"step {step}"), TimeSpan.FromSeconds(5)), $"step {step} was not finalized at the pass after it");
        }
    }

    [Fact]
    public void Holding_is_reentrant_on_one_thread_and_refused_on_another()
    {
        var finalized = new Finalized();
        using var outer = FinalizerGate.Hold();
        using (var inner = FinalizerGate.Hold())
        {
            Assert.Same(outer, inner);
        }

        Abandon(finalized, "after inner");
        GC.Collect();
        Thread.Sleep(200);
        Assert.Empty(finalized.Names);
        Exception? error = null;
        var other = new Thread(() => error = Record.Exception(() => FinalizerGate.Hold()));
        other.Start();
        other.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("another thread", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_holder_that_waits_for_finalizers_is_let_go_after_the_longest_hold()
    {
        // TorchSharp's factories do this on the training thread after a failed allocation.
        var finalized = new Finalized();
        using var gate = FinalizerGate.Hold(TimeSpan.FromSeconds(1));
        Abandon(finalized, "queued while held");
        GC.Collect();
        var waited = System.Diagnostics.Stopwatch.StartNew();

        GC.WaitForPendingFinalizers();

        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        Assert.Contains("queued while held", finalized.Names);
        gate.Pass(); // parks again after the lapse
        Abandon(finalized, "after the pass");
        GC.Collect();
        Thread.Sleep(200);
        Assert.DoesNotContain("after the pass", finalized.Names);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Abandon(Finalized log, string name) => _ = new Tracked(log, name);

    private sealed class Finalized
    {
        private readonly List<string> names = [];

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (names)
                {
                    return [.. names];
                }
            }
        }

        public void Add(string name)
        {
            lock (names)
            {
                names.Add(name);
            }
        }
    }

    private sealed class Tracked(Finalized log, string name)
    {
        ~Tracked() => log.Add(name);
    }
}
