namespace Lpr.Training.Data;

/// <summary>
/// Produces training examples addressed by index: the same (source seed, index) always gives the
/// same sample, so a resumed run sees exactly the batches it would have seen, and a hold-out set is
/// just a source with another seed. Implementations must be safe to call from several threads.
/// </summary>
/// <typeparam name="TSample">What one example is in the trained network's terms.</typeparam>
public interface ISampleSource<out TSample>
{
    int ImageHeight { get; }

    int ImageWidth { get; }

    /// <summary>A short description for logs and the model card.</summary>
    string Description { get; }

    TSample Create(long index);
}
