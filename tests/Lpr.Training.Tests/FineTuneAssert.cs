namespace Lpr.Training.Tests;

/// <summary>What tells a fine-tune from a fresh run in its loss curve, for every trainer.</summary>
internal static class FineTuneAssert
{
    /// <summary>
    /// From random weights the first steps cost what the base run's first did; from the base run's best, about what its
    /// last did: the fine-tune's first 5 losses lie nearer the base run's end than its start.
    /// </summary>
    public static void StartsFromTrainedWeights(IReadOnlyList<double> baseLosses, IReadOnlyList<double> fineTuneLosses)
    {
        var fromScratch = baseLosses.Take(5).Average();
        var baseEnd = baseLosses.TakeLast(10).Average();
        var start = fineTuneLosses.Take(5).Average();
        Assert.True(start < 0.5 * (fromScratch + baseEnd), $"the fine-tune began at loss {start:F3}; the base run began at {fromScratch:F3} and ended at {baseEnd:F3}");
    }
}
