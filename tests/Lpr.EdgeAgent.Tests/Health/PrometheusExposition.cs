using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lpr.EdgeAgent.Tests.Health;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's specification
/// (not from the agent's writer), so a test can both check a scrape and read values out of it. It rejects what a
/// Prometheus server would reject or misread: a sample without a preceding <c># TYPE</c> of its family, a
/// second HELP or TYPE of one family, a family's samples split apart, a duplicate series, a malformed name,
/// label or value, a missing final line feed.
/// </summary>
internal sealed partial class PrometheusExposition
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "counter", "gauge", "histogram", "summary", "untyped" };

    private PrometheusExposition(Dictionary<string, string> types, Dictionary<string, string> help, List<Sample> samples)
    {
        TypeOf = types;
        HelpOf = help;
        Samples = samples;
    }

    /// <summary>Metric family name → its TYPE.</summary>
    public IReadOnlyDictionary<string, string> TypeOf { get; }

    /// <summary>Metric family name → its HELP text (unescaped).</summary>
    public IReadOnlyDictionary<string, string> HelpOf { get; }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Parses a whole scrape; throws <see cref="FormatException"/> naming the line that breaks the format.</summary>
    public static PrometheusExposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var series = new HashSet<string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal); // families that have samples
        var closed = new HashSet<string>(StringComparer.Ordinal);  // families whose samples ended
        string? current = null;
        var lineNumber = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            lineNumber++;
            try
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith('#'))
                {
                    var comment = CommentLine().Match(line);
                    if (!comment.Success)
                    {
                        continue; // any other comment is allowed and ignored
                    }

                    var kind = comment.Groups["kind"].Value;
                    var family = comment.Groups["name"].Value;
                    var argument = comment.Groups["rest"].Value;
                    if (sampled.Contains(family))
                    {
                        throw new FormatException($"{kind} of {family} after its samples");
                    }

                    if (kind == "TYPE" && !Types.Contains(argument))
                    {
                        throw new FormatException($"unknown type '{argument}'");
                    }

                    if (!(kind == "TYPE" ? types.TryAdd(family, argument) : help.TryAdd(family, UnescapeHelp(argument))))
                    {
                        throw new FormatException($"a second {kind} for {family}");
                    }

                    continue;
                }

                var sample = ParseSample(line);
                // Counters and gauges: the sample is named like its family. Histograms and summaries add suffixes.
                var familyName = types.ContainsKey(sample.Name) ? sample.Name
                    : SuffixedFamily(sample.Name, types) ?? throw new FormatException($"no TYPE line for {sample.Name} before its sample");
                if (closed.Contains(familyName))
                {
                    throw new FormatException($"the samples of {familyName} are not together");
                }

                if (current is not null && current != familyName)
                {
                    closed.Add(current);
                }

                current = familyName;
                sampled.Add(familyName);
                var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
                if (!series.Add(key))
                {
                    throw new FormatException($"a second sample of the series {key}");
                }

                if (types[familyName] == "counter" && !(sample.Value >= 0))
                {
                    throw new FormatException("a counter must not be negative");
                }

                samples.Add(sample);
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {lineNumber} '{line}': {e.Message}", e);
            }
        }

        return new PrometheusExposition(types, help, samples);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> with exactly these labels; fails when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = Samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(matches.Count == 1, $"expected one sample {name}{{{string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}}, found {matches.Count}");
        return matches[0].Value;
    }

    /// <summary><c>name{label="value",…} value [timestamp]</c>, label values with the escapes \\, \" and \n.</summary>
    private static Sample ParseSample(string line)
    {
        var i = Name(line, 0, colons: true);
        if (i == 0)
        {
            throw new FormatException("a sample must start with a metric name");
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var start = i;
                i = Name(line, i, colons: false);
                if (i == start || i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"')
                {
                    throw new FormatException($"malformed label at column {start + 1}");
                }

                var label = line[start..i];
                var value = new StringBuilder();
                for (i += 2; ; i++)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"the value of label {label} is not closed");
                    }

                    if (line[i] == '"')
                    {
                        i++;
                        break;
                    }

                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(i < line.Length ? line[i] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"unknown escape in the value of label {label}"),
                        } : throw new FormatException($"a dangling escape in the value of label {label}"));
                        continue;
                    }

                    value.Append(line[i]);
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"label {label} twice");
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
                else if (i >= line.Length || line[i] != '}')
                {
                    throw new FormatException($"expected ',' or '}}' after label {label}");
                }
            }

            if (i >= line.Length)
            {
                throw new FormatException("the labels are not closed");
            }

            i++;
        }

        if (i >= line.Length || line[i] is not (' ' or '\t'))
        {
            throw new FormatException("expected a blank before the value");
        }

        var parts = line[i..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("expected a value and at most a timestamp (integer milliseconds)");
        }

        var sampleValue = parts[0] switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new FormatException($"malformed value '{parts[0]}'"),
        };
        return new Sample(name, labels, sampleValue);
    }

    /// <summary>The end of the name starting at <paramref name="start"/>: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, without colons for labels.</summary>
    private static int Name(string line, int start, bool colons)
    {
        var i = start;
        while (i < line.Length && (char.IsAsciiLetter(line[i]) || line[i] == '_' || (colons && line[i] == ':') || (i > start && char.IsAsciiDigit(line[i]))))
        {
            i++;
        }

        return i;
    }

    private static string? SuffixedFamily(string name, Dictionary<string, string> types)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>HELP escapes only \\ and \n.</summary>
    private static string UnescapeHelp(string text) =>
        HelpEscape().Replace(text, m => m.Value[1] == 'n' ? "\n" : "\\");

    [GeneratedRegex(@"^#[ \t]+(?<kind>HELP|TYPE)[ \t]+(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:[ \t](?<rest>.*))?$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\\[n\\]")]
    private static partial Regex HelpEscape();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
