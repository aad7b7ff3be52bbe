using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lpr.Synth.Options;

/// <summary>Reads <see cref="SynthOptions"/> from JSON; every error names the offending key.</summary>
public static class SynthConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>Parses and validates a configuration; keys left out keep their defaults.</summary>
    /// <exception cref="SynthConfigException">Malformed JSON, an unknown key, a wrong type or an invalid value.</exception>
    public static SynthOptions Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SynthOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<SynthOptions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var key = string.IsNullOrEmpty(e.Path) ? "(document)" : e.Path.TrimStart('$', '.');
            throw new SynthConfigException($"at '{key}': {FirstLine(e.Message)}", e);
        }

        if (options is null)
        {
            throw new SynthConfigException("the document is null; expected an object.");
        }

        return options.EnsureValid();
    }

    /// <summary>Reads and validates a configuration file.</summary>
    public static SynthOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SynthConfigException($"config file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>The JSON form of options (the defaults when given a new instance), for documentation and editing.</summary>
    public static string Serialize(SynthOptions options) => JsonSerializer.Serialize(options, JsonOptions);

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
