using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lpr.Core.Recognition;

/// <summary>
/// Finding, reading and parsing a model's descriptor JSON (recognizer or detector alike), every
/// failure a <see cref="ModelDescriptorException"/> naming the file and, for JSON, the position.
/// </summary>
internal static class DescriptorFile
{
    /// <summary>The descriptor path of a model: <paramref name="descriptorPath"/> when given, else MODEL.json beside it; it must exist.</summary>
    public static string Locate(string modelPath, string? descriptorPath)
    {
        var path = descriptorPath ?? ModelDescriptor.PathForModel(modelPath);
        if (!File.Exists(path))
        {
            throw new ModelDescriptorException(descriptorPath is null
                ? $"No descriptor for model '{modelPath}': expected '{path}' beside it (or pass --descriptor FILE)."
                : $"Descriptor file '{path}' not found.");
        }

        return path;
    }

    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelDescriptorException($"Cannot read descriptor '{path}': {e.Message}", e);
        }
    }

    /// <summary>The object of <paramref name="json"/> (not yet validated); <paramref name="source"/> names it in errors.</summary>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> type, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } p ? $" at {p}" : string.Empty;
            throw new ModelDescriptorException($"{source}: invalid JSON{where}: {e.Message}", e);
        }

        return value ?? throw new ModelDescriptorException($"{source}: the JSON is null, expected an object.");
    }
}
