using System.Globalization;
using System.Net;
using Lpr.Core.Plates;

namespace Lpr.Core.Recognition.Evaluation;

/// <summary>
/// Collects recognizer results on labelled crops and reports: exact-match accuracy of the
/// constrained and the greedy text, character accuracy (1 − token edit distance / label length,
/// pooled over all samples), accuracy per plate format, the errors, latency percentiles, and as the
/// last line <c>accuracy: 0.xxxx (n/N)</c> (constrained exact match).
/// </summary>
public sealed class EvaluationReport
{
    private readonly List<EvaluationResult> results = [];

    public IReadOnlyList<EvaluationResult> Results => results;

    public int Count => results.Count;

    public int Correct => results.Count(r => r.IsCorrect);

    public int GreedyCorrect => results.Count(r => r.Greedy == r.Sample.Expected);

    /// <summary>Constrained exact-match accuracy (0 when empty).</summary>
    public double Accuracy => Ratio(Correct, Count);

    public double GreedyAccuracy => Ratio(GreedyCorrect, Count);

    /// <summary>Pooled character accuracy of the constrained text.</summary>
    public double CharacterAccuracy
    {
        get
        {
            long length = 0, errors = 0;
            foreach (var r in results)
            {
                var expected = Tokens(r.Sample.Expected);
                length += expected.Count;
                errors += Math.Min(expected.Count, EditDistance(expected, Tokens(r.Text)));
            }

            return length == 0 ? 0 : 1.0 - ((double)errors / length);
        }
    }

    /// <summary>Records one result; <paramref name="error"/> is set when the crop could not be read at all.</summary>
    public void Add(LabelledCrop sample, PlateReading? reading, double milliseconds, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        results.Add(new EvaluationResult(sample, reading?.Text ?? string.Empty, reading?.Greedy ?? string.Empty, reading?.Confidence ?? 0f, milliseconds, error));
    }

    /// <summary>The plate format of a label, or "unparsed label" when the label itself is not a valid plate.</summary>
    public static string PlateType(string expected) =>
        PlateGrammar.Parse(expected).Plate is { } plate ? plate.Format + (plate.IsLegacy ? " (legacy)" : string.Empty) : "unparsed label";

    /// <summary>Latency percentile (nearest rank) over the samples, in milliseconds.</summary>
    public double LatencyPercentile(double percentile)
    {
        if (results.Count == 0)
        {
            return 0;
        }

        var sorted = results.Select(r => r.Milliseconds).Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The text report; its last line is <c>accuracy: 0.xxxx (n/N)</c>.</summary>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in SummaryLines())
        {
            writer.WriteLine(line);
        }

        writer.WriteLine(AccuracyLine());
    }

    /// <summary>The same report as a self-contained HTML page with each crop embedded.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="imageSource">The <c>src</c> of a sample's image (e.g. a data URI), or null to omit it.</param>
    public void WriteHtml(TextWriter writer, Func<LabelledCrop, string?> imageSource)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(imageSource);
        writer.WriteLine("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>lpr eval</title>");
        writer.WriteLine("<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd}.bad{background:#fee}.ok{background:#efe}img{max-height:48px}</style></head><body>");
        writer.WriteLine("<h1>lpr eval</h1><pre>");
        foreach (var line in SummaryLines().Where(l => !l.StartsWith("  expected", StringComparison.Ordinal)))
        {
            writer.WriteLine(WebUtility.HtmlEncode(line));
        }

        writer.WriteLine(WebUtility.HtmlEncode(AccuracyLine()));
        writer.WriteLine("</pre><table><tr><th>crop</th><th>file</th><th>expected</th><th>constrained</th><th>greedy</th><th>confidence</th><th>ms</th></tr>");
        foreach (var r in results)
        {
            var src = imageSource(r.Sample);
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"<tr class=\"{(r.IsCorrect ? "ok" : "bad")}\"><td>{(src is null ? string.Empty : $"<img src=\"{WebUtility.HtmlEncode(src)}\" alt=\"\">")}</td><td>{Html(Path.GetFileName(r.Sample.Path))}</td><td>{Html(r.Sample.Expected)}</td><td>{Html(r.Error ?? r.Text)}</td><td>{Html(r.Greedy)}</td><td>{r.Confidence:0.000}</td><td>{r.Milliseconds:0.0}</td></tr>"));
        }

        writer.WriteLine("</table></body></html>");
    }

    /// <summary>The final line, <c>accuracy: 0.xxxx (n/N)</c>.</summary>
    public string AccuracyLine() => string.Create(CultureInfo.InvariantCulture, $"accuracy: {Accuracy:0.0000} ({Correct}/{Count})");

    private IEnumerable<string> SummaryLines()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"samples: {Count}");
        yield return string.Create(inv, $"exact match (constrained): {Accuracy:0.0000} ({Correct}/{Count})");
        yield return string.Create(inv, $"exact match (greedy): {GreedyAccuracy:0.0000} ({GreedyCorrect}/{Count})");
        yield return string.Create(inv, $"character accuracy: {CharacterAccuracy:0.0000}");
        yield return "per plate type:";
        foreach (var group in results.GroupBy(r => PlateType(r.Sample.Expected)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var correct = group.Count(r => r.IsCorrect);
            yield return string.Create(inv, $"  {group.Key}: {Ratio(correct, group.Count()):0.0000} ({correct}/{group.Count()})");
        }

        yield return string.Create(inv, $"latency ms: p50 {LatencyPercentile(50):0.0} p90 {LatencyPercentile(90):0.0} p99 {LatencyPercentile(99):0.0} max {LatencyPercentile(100):0.0}");
        var errors = results.Where(r => !r.IsCorrect).ToList();
        yield return string.Create(inv, $"errors: {errors.Count}");
        foreach (var r in errors)
        {
            var got = r.Error is null ? $"'{r.Text}' (greedy '{r.Greedy}')" : $"error: {r.Error}";
            yield return $"  expected '{r.Sample.Expected}' got {got}  {Path.GetFileName(r.Sample.Path)}";
        }
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static double Ratio(int n, int total) => total == 0 ? 0 : (double)n / total;

    /// <summary>Plate tokens of a text (region names count as one); characters outside the alphabet count one each.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var length = i + 1 < text.Length && PlateVocabulary.IsRegion(text.Substring(i, 2)) ? 2 : 1;
            tokens.Add(text.Substring(i, length));
            i += length;
        }

        return tokens;
    }

    private static int EditDistance(List<string> a, List<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var j = 0; j <= b.Count; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Count; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}

/// <summary>One evaluated sample.</summary>
public sealed record EvaluationResult(LabelledCrop Sample, string Text, string Greedy, float Confidence, double Milliseconds, string? Error)
{
    public bool IsCorrect => Error is null && Text == Sample.Expected;
}
