namespace Lpr.EdgeAgent.Publishing;

/// <summary>What may appear in one MQTT topic level built from configuration or events (agent id, camera id, prefix).</summary>
public static class TopicLevels
{
    /// <summary>Null when <paramref name="level"/> is a usable topic level, else why not (phrased to follow a key name).</summary>
    public static string? Problem(string? level)
    {
        if (string.IsNullOrWhiteSpace(level))
        {
            return "must not be empty";
        }

        if (level.AsSpan().IndexOfAny("/+#") >= 0)
        {
            return "must not contain '/', '+' or '#' (MQTT topic separators and wildcards)";
        }

        if (level.Any(char.IsControl))
        {
            return "must not contain control characters";
        }

        if (level.StartsWith('$'))
        {
            return "must not start with '$' (reserved for broker topics)";
        }

        return null;
    }
}
