using System.Text;

namespace Lpr.Training.Data;

/// <summary>Token text ↔ class index, in the order of models/labels.txt (the single source of the class order).</summary>
public sealed class LabelMap
{
    private readonly Dictionary<string, int> indexByToken;

    public LabelMap(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Tokens = tokens;
        indexByToken = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!indexByToken.TryAdd(tokens[i], i))
            {
                throw new InvalidDataException($"Label '{tokens[i]}' appears twice (lines {indexByToken[tokens[i]] + 1} and {i + 1}).");
            }
        }
    }

    public IReadOnlyList<string> Tokens { get; }

    public int Count => Tokens.Count;

    public static LabelMap Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Labels file '{path}' does not exist.", path);
        }

        var lines = File.ReadAllLines(path, Encoding.UTF8).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return new LabelMap(lines);
    }

    public int IndexOf(string token) =>
        indexByToken.TryGetValue(token, out var index)
            ? index
            : throw new ArgumentException($"Token '{token}' is not in the labels ({Count} classes).", nameof(token));

    public string Join(IEnumerable<int> indices) => string.Concat(indices.Select(i => Tokens[i]));
}
