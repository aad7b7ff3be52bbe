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

    public (float Min, float Max) this[string name] =>
        ranges.TryGetValue(name, out var range) ? range : throw new KeyNotFoundException($"No calibration range for tensor '{name}'.");

    /// <summary>Runs <paramref name="network"/> over the calibration images ([B,1,H,W] in [0,1]) and records every range.</summary>
    public static ActivationRanges Calibrate(FoldedRecognizer network, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batches);
        var result = new ActivationRanges();
        using var noGrad = no_grad();
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            network.Forward(batch, result.Observe);
        }

        if (result.ranges.Count == 0)
        {
            throw new ArgumentException("Calibration needs at least one batch.", nameof(batches));
        }

        return result;
    }
}
