using System.Runtime.CompilerServices;

namespace Lpr.Training;

/// <summary>
/// Holds the finalizer thread while libtorch runs and lets it work only at points the training
/// thread chooses (<see cref="Pass"/>), where no native call is in flight.
/// </summary>
/// <remarks>
/// Why: TorchSharp 0.107 frees each <c>Scalar</c> in its finalizer, and creates temporary ones on
/// nearly every call (the alpha of every tensor addition, BatchNorm's <c>add_(1)</c>, each AdamW
/// update). Optimized code stops reporting such a temporary as live once its handle has been passed
/// to the native call, so a collection that another thread triggers meanwhile (the batch renderer
/// allocates all the time) queues it, and the finalizer thread frees it while libtorch still reads
/// it: "Expected false to be true … toFloat at Scalar.h:140", "Unknown scalar type", "alpha must not
/// be a floating point number" (upstream: dotnet/TorchSharp pull requests 1434 and 1496, open).
/// A collection can still happen at any time; only the freeing is deferred, and finalizers queued
/// while the gate is held run at the next <see cref="Pass"/> or when it is disposed.
/// The gate parks the finalizer thread inside the finalizer of a sentinel object; finalizers run one
/// after another on that one thread, so nothing else is finalized while it sits there. One gate per process
/// at a time; <see cref="Hold"/> is re-entrant on the thread that holds it.
/// The finalizer thread is held at most <see cref="DefaultMaxHold"/> at a time (far longer than a step or a
/// validation): TorchSharp's tensor factories answer a failed allocation with GC.WaitForPendingFinalizers on the
/// training thread, which would otherwise wait forever for a finalizer thread that waits for the next pass.
/// </remarks>
internal sealed class FinalizerGate : IDisposable
{
    private static readonly Lock Sync = new();
    private static readonly TimeSpan ParkTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultMaxHold = TimeSpan.FromSeconds(60);
    private static FinalizerGate? held;

    private readonly int ownerThread = Environment.CurrentManagedThreadId;
    private readonly TimeSpan maxHold;
    // Never disposed: a sentinel that arrives after a timed-out park still releases it.
    private readonly SemaphoreSlim parked = new(0);
    private Sentinel? sentinel;
    private int depth = 1;

    private FinalizerGate(TimeSpan maxHold)
    {
        this.maxHold = maxHold;
    }

    /// <summary>
    /// Parks the finalizer thread until the returned gate is disposed (as often as the holder holds it), passed, or
    /// <paramref name="maxHold"/> (default <see cref="DefaultMaxHold"/>) has gone by since it parked.
    /// </summary>
    public static FinalizerGate Hold(TimeSpan? maxHold = null)
    {
        FinalizerGate gate;
        lock (Sync)
        {
            if (held is not null)
            {
                if (held.ownerThread != Environment.CurrentManagedThreadId)
                {
                    throw new InvalidOperationException("The finalizer gate is held by another thread: run one training at a time per process.");
                }

                held.depth++;
                return held;
            }

            gate = held = new FinalizerGate(maxHold ?? DefaultMaxHold);
        }

        // Outside the lock: the sentinel's finalizer takes it when it parks.
        try
        {
            gate.Park();
            return gate;
        }
        catch
        {
            gate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lets the finalizer thread run everything queued so far, then parks it again. Call only where
    /// the holding thread has no torch call in flight (between steps).
    /// </summary>
    public void Pass()
    {
        if (Environment.CurrentManagedThreadId != ownerThread)
        {
            throw new InvalidOperationException("Only the thread that holds the finalizer gate may pass it.");
        }

        // Drain first, then park anew: the finalizer thread takes the most recently queued object first, so a
        // sentinel queued before the drain would park it again ahead of everything waiting.
        var previous = sentinel;
        sentinel = null;
        previous?.Release();
        GC.WaitForPendingFinalizers();
        Park();
    }

    public void Dispose()
    {
        Sentinel? parkedSentinel;
        lock (Sync)
        {
            if (held != this || --depth > 0)
            {
                return;
            }

            held = null;
            parkedSentinel = sentinel;
            sentinel = null;
        }

        parkedSentinel?.Release();
    }

    private void Park()
    {
        QueueSentinel();
        WaitParked();
    }

    private void WaitParked()
    {
        var deadline = DateTime.UtcNow + ParkTimeout;
        var generation = 0;
        while (!parked.Wait(TimeSpan.FromMilliseconds(200)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The finalizer thread did not reach the gate's sentinel within 30 s (another finalizer may be blocking it).");
            }

            // Any collection that finds the sentinel unreachable queues it; widen in case one promoted it first.
            generation = Math.Min(generation + 1, GC.MaxGeneration);
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
        }
    }

    private void QueueSentinel()
    {
        AbandonSentinel();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }

    // A frame of its own: unoptimized code keeps a method's temporaries reachable until it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AbandonSentinel() => _ = new Sentinel(this);

    /// <returns>False when the gate has closed meanwhile (the sentinel then lets the finalizer thread go on).</returns>
    private bool OnParked(Sentinel arrived)
    {
        lock (Sync)
        {
            if (held != this)
            {
                return false;
            }

            sentinel = arrived;
        }

        parked.Release();
        return true;
    }

    private sealed class Sentinel(FinalizerGate gate)
    {
        private readonly TaskCompletionSource released = new();

        ~Sentinel()
        {
            if (gate.OnParked(this))
            {
                _ = released.Task.Wait(gate.maxHold);
            }
        }

        public void Release() => released.TrySetResult();
    }
}
