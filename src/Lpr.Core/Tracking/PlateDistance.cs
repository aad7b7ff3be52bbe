using System.Text.RegularExpressions;
using Lpr.Core.Plates;

namespace Lpr.Core.Tracking;

/// <summary>
/// Edit distance between two plate texts that respects the plate's layout: texts of different layouts
/// (a 2-digit class against a 3-digit one, with against without a region) are never compared, because a
/// recognizer that drops a whole digit read a different plate, not a similar one. Within one layout the
/// distance counts differing tokens (a region such as 서울 is one token). Two valid plates are compared
/// on the grammar's structure (same <see cref="PlateFormat"/> required); when either text is not a valid
/// plate (a misread unknown syllable) only the bare layout is compared.
/// </summary>
public static partial class PlateDistance
{
    /// <summary>The distance, or null when the texts have different layouts or are not plate-shaped.</summary>
    public static int? Between(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        var (pa, pb) = (PlateGrammar.Parse(a).Plate, PlateGrammar.Parse(b).Plate);
        if (pa is not null && pb is not null)
        {
            return pa.Format != pb.Format
                ? null
                : Mismatches(pa.Region ?? string.Empty, pb.Region ?? string.Empty, asOneToken: true)
                    + Mismatches(pa.Number, pb.Number) + Mismatches(pa.Hangul, pb.Hangul) + Mismatches(pa.Serial, pb.Serial);
        }

        var x = Shape().Match(a);
        var y = Shape().Match(b);
        if (!x.Success || !y.Success)
        {
            return null;
        }

        if (x.Groups["region"].Length != y.Groups["region"].Length || x.Groups["class"].Length != y.Groups["class"].Length)
        {
            return null;
        }

        var distance = string.Equals(x.Groups["region"].Value, y.Groups["region"].Value, StringComparison.Ordinal) ? 0 : 1;
        distance += Mismatches(x.Groups["class"].Value, y.Groups["class"].Value);
        distance += Mismatches(x.Groups["use"].Value, y.Groups["use"].Value);
        distance += Mismatches(x.Groups["serial"].Value, y.Groups["serial"].Value);
        return distance;
    }

    private static int Mismatches(string a, string b, bool asOneToken = false)
    {
        if (asOneToken || a.Length != b.Length)
        {
            return string.Equals(a, b, StringComparison.Ordinal) ? 0 : 1;
        }

        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            count += a[i] == b[i] ? 0 : 1;
        }

        return count;
    }

    // Layout only (region of two syllables, 1–3 digit class, one use syllable, 4-digit serial); whether
    // the syllables are real plate syllables is the grammar's business, not the distance's.
    [GeneratedRegex(@"^(?<region>[가-힣]{2})?(?<class>[0-9]{1,3})(?<use>[가-힣])(?<serial>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
