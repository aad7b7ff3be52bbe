using System.Globalization;
using System.Text;

namespace Lpr.EdgeAgent.Health.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: per metric family one <c># HELP</c> and one
/// <c># TYPE</c> line, then its samples, <c>name{label="value",…} value</c>, one per line ending in <c>\n</c>.
/// Only counters and gauges, whose samples carry the family name itself (a counter keeps its <c>_total</c> in
/// 0.0.4). A family is written once, so its samples stay together as the format requires.
/// </summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _family;

    /// <summary>Starts a counter family (a value that only grows, reset only by a restart).</summary>
    public PrometheusTextWriter Counter(string name, string help) => Family(name, "counter", help);

    /// <summary>Starts a gauge family (a value that goes up and down).</summary>
    public PrometheusTextWriter Gauge(string name, string help) => Family(name, "gauge", help);

    /// <summary>One sample of the current family, an integer value written exactly.</summary>
    public PrometheusTextWriter Sample(long value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Line(value.ToString(CultureInfo.InvariantCulture), labels);

    /// <summary>One sample of the current family.</summary>
    public PrometheusTextWriter Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Line(Format(value), labels);

    public override string ToString() => _text.ToString();

    private PrometheusTextWriter Family(string name, string type, string help)
    {
        if (!IsName(name, colons: true))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name.", nameof(name));
        }

        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"The metric family {name} was already written; its samples must stay together.");
        }

        _family = name;
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    private PrometheusTextWriter Line(string value, ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(_family ?? throw new InvalidOperationException("A sample needs its family (Counter or Gauge) first."));
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                var (label, text) = labels[i];
                if (!IsName(label, colons: false) || label.StartsWith("__", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{label}' is not a valid label name.", nameof(labels));
                }

                _text.Append(i == 0 ? "" : ",").Append(label).Append("=\"");
                AppendEscapedLabelValue(text);
                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(value).Append('\n');
        return this;
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>In HELP only the backslash and the line feed are escaped.</summary>
    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>In a label value the backslash, the double quote and the line feed are escaped.</summary>
    private void AppendEscapedLabelValue(string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => _text.Append("\\\\"),
                '"' => _text.Append("\\\""),
                '\n' => _text.Append("\\n"),
                _ => _text.Append(c),
            };
        }
    }

    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> for metric names, the same without colons for label names.</summary>
    private static bool IsName(string name, bool colons) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (colons && c == ':'));
}
