// libtorch keeps process-wide state (thread count, default dtype, grad mode) that the smoke trainings and
// exports set for themselves; run them one at a time so none sees another's settings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
