// The quantization tests live in their own test process: in the same process as the detector trainings they
// made a detector test fail in about half the runs with a corrupted TorchSharp Scalar ("toFloat"/"toLong",
// Scalar.h:140; "alpha must not be a floating point number"), a use-after-free we have not pinned down.
// libtorch keeps process-wide state (thread count, default dtype, grad mode) that the smoke trainings and
// exports set for themselves; run them one at a time so none sees another's settings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
