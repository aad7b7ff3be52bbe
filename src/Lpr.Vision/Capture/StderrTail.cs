using System.Text.RegularExpressions;

namespace Lpr.Vision.Capture;

/// <summary>
/// The last few lines a child process wrote to stderr, so a failure can say what the tool said without the
/// agent holding an unbounded log. Lines arrive on the process reader's thread; thread-safe.
/// </summary>
internal sealed partial class StderrTail(int capacity)
{
    private const int MaxLineLength = 300;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        // ffmpeg echoes the URL, password included, and these lines end up in logs and MQTT status. It also
        // prefixes lines with "[demuxer @ 0x55d0c6e4a1c0]", an address that only makes messages differ.
        line = Address().Replace(SourceDescription.Mask(line.Trim()), string.Empty);
        if (line.Length > MaxLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaxLineLength), "…");
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > Math.Max(1, capacity))
            {
                _lines.Dequeue();
            }
        }
    }

    public void AddAll(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Add(line);
        }
    }

    /// <summary>The kept lines joined by "; ", empty when the tool said nothing.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return string.Join("; ", _lines);
            }
        }
    }

    /// <summary>": TOOL said: …" for a message, or nothing when the tool was silent.</summary>
    public string Said(string tool) => Text is { Length: > 0 } text ? $": {tool} said: {text}" : string.Empty;

    [GeneratedRegex(@" @ 0x[0-9a-fA-F]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
