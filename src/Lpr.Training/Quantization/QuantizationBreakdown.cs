namespace Lpr.Training.Quantization;

/// <summary>
/// Where int8 costs accuracy: the simulated model evaluated with every tensor rounded, with one group of
/// tensors rounded alone, and with all but one group rounded. The group whose rounding alone loses most, or
/// whose sparing recovers most, is where the int8 arithmetic hurts (TFLite's quantization debugger asks the
/// same question layer by layer).
/// </summary>
public static class QuantizationBreakdown
{
    /// <summary>The tensor groups of the recognizer graph, in graph order.</summary>
    public static IReadOnlyList<(string Group, Func<string, bool> Members)> Groups { get; } =
    [
        ("weights", name => name == QuantizationAwareRecognizer.Weights),
        ("input", name => name == "input"),
        ("backbone", name => name == "stem" || name.StartsWith("block", StringComparison.Ordinal)),
        ("features", name => name == "head"),
        ("attention logits", name => name == "attention"),
        ("attention softmax", name => name == "attention.softmax"),
        ("pool.mul", name => name == "pool.mul"),
        ("pool.mean", name => name == "pool.mean"),
        ("slot layer", name => name == "slot"),
        ("logits", name => name == "logits"),
    ];

    /// <summary>One measured configuration: what was rounded and the exact match it gave.</summary>
    public sealed record Row(string Rounded, double ExactMatch);

    /// <param name="exactMatch">Evaluates the simulated model with the given tensors rounded.</param>
    public static IReadOnlyList<Row> Measure(Func<Func<string, bool>, double> exactMatch)
    {
        ArgumentNullException.ThrowIfNull(exactMatch);
        var rows = new List<Row>
        {
            new("nothing (float)", exactMatch(_ => false)),
            new("everything (int8)", exactMatch(_ => true)),
        };
        rows.AddRange(Groups.Select(g => new Row($"only {g.Group}", exactMatch(g.Members))));
        rows.AddRange(Groups.Select(g => new Row($"all but {g.Group}", exactMatch(name => !g.Members(name)))));
        return rows;
    }
}
