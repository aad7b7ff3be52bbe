using static TorchSharp.torch;

namespace Lpr.Training.Export;

/// <summary>
/// Per-tensor float ranges of the folded network's intermediates, observed on calibration batches
/// (synthetic plates): the basis of the per-tensor int8 activation quantization.
/// </summary>
public sealed class ActivationRanges
{
    private readonly Dictionary<string, (float Min, float Max)> ranges = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (float Min, float Max)> All => ranges;

    public void Observe(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (min, max) = (value.min().item<float>(), value.max().item<float>());
        ranges[name] = ranges.TryGetValue(name, out var seen) ? (Math.Min(seen.Min, min), Math.Max(seen.Max, max)) : (min, max);
    }

    /// <summary>Replaces the observed range of one tensor (a range known better than by observation).</summary>
    public void Set(string name, float min, float max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Range of '{name}' is empty: [{min}, {max}].", nameof(min));
        }

        ranges[name] = (min, max);
    }

    public (float Min, float Max) this[string name] =>
        ranges.TryGetValue(name, out var range) ? range : throw new KeyNotFoundException($"No calibration range for tensor '{name}'.");

    /// <summary>Runs <paramref name="network"/> over the calibration images ([B,1,H,W] in [0,1]) and records every range.</summary>
    public static ActivationRanges Calibrate(FoldedRecognizer network, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Calibrate((batch, observe) => network.Forward(batch, observe), batches);
    }

    /// <summary>
    /// Runs a folded network's float forward (<paramref name="forward"/>: input batch and the observer
    /// to report intermediates to) over the calibration images and records every range.
    /// </summary>
    public static ActivationRanges Calibrate(Action<Tensor, Action<string, Tensor>> forward, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(batches);
        var result = new ActivationRanges();
        using var noGrad = no_grad();
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            forward(batch, result.Observe);
        }

        if (result.ranges.Count == 0)
        {
            throw new ArgumentException("Calibration needs at least one batch.", nameof(batches));
        }

        return result;
    }
}
