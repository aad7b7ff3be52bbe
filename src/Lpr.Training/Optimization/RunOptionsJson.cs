using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lpr.Training.Optimization;

/// <summary>
/// How options records are read from config files and written into run directories: property
/// names as declared (camelCase accepted), comments and trailing commas allowed, unknown keys an
/// error naming the key.
/// </summary>
internal static class RunOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a config file or run record; errors name the file.</summary>
    public static T Load<T>(string path)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"Config '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Config '{path}': {e.Message}", e);
        }
    }

    public static string ToJson<T>(T options) => JsonSerializer.Serialize(options, Json);
}
