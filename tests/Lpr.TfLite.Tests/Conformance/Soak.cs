using System.Globalization;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>
/// Iteration counts of the property-based conformance tests. The defaults keep the suite fast; set
/// LPR_CONFORMANCE_SCALE (e.g. 20) to search the parameter spaces much longer before a release.
/// </summary>
internal static class Soak
{
    private static readonly int Scale =
        int.TryParse(Environment.GetEnvironmentVariable("LPR_CONFORMANCE_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    public static long Iterations(int defaultCount) => (long)defaultCount * Scale;
}
