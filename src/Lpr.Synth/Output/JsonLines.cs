using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lpr.Synth.Output;

/// <summary>Serializer settings of our .jsonl files: Hangul written as is (not \u escapes), so files stay readable.</summary>
internal static class JsonLines
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
