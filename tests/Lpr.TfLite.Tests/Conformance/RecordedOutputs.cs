using System.Globalization;
using System.Security.Cryptography;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>A case's SHA-256 digests: of the model bytes (so a graph built differently is told apart) and of each output.</summary>
internal sealed record CaseDigests(string Case, string Model, IReadOnlyList<string> Outputs)
{
    public bool OutputsEqual(CaseDigests other) => other is not null && Outputs.SequenceEqual(other.Outputs, StringComparer.Ordinal);
}

/// <summary>
/// The whole-model outputs of the genuine TFLite 2.2 C library on x86_64, as SHA-256 digests per case
/// (<c>whole-model-outputs.tsv</c>, embedded): the oracle for a machine without that library (linux-arm64). The
/// x64 tests keep the file honest (every digest is recomputed from the native library there), and the managed
/// interpreter must reproduce every digest on every path, on every CPU.
/// </summary>
internal static class RecordedOutputs
{
    public const string ResourceName = "Lpr.Conformance.whole-model-outputs.tsv";

    /// <summary>The recorded digests by case name.</summary>
    public static IReadOnlyDictionary<string, CaseDigests> Load()
    {
        using var stream = typeof(RecordedOutputs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static Dictionary<string, CaseDigests> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new Dictionary<string, CaseDigests>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var fields = trimmed.Split('\t');
            if (fields.Length != 3)
            {
                throw new FormatException($"Expected 'case<TAB>model sha256<TAB>output sha256[,…]', got '{trimmed}'.");
            }

            cases.Add(fields[0], new CaseDigests(fields[0], fields[1], fields[2].Split(',')));
        }

        return cases;
    }

    /// <summary>The file's text for <paramref name="digests"/> (what a regeneration writes).</summary>
    public static string Format(IEnumerable<CaseDigests> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var text = new System.Text.StringBuilder();
        text.Append("# Whole-model conformance oracle: SHA-256 of each output tensor's bytes as the TFLite 2.2 C library\n");
        text.Append("# (x86_64, scripts/fetch-tflite.sh) computes them for WholeModelCases; the inputs come from ConformanceInputs.\n");
        text.Append("# Checked against the native library by WholeModelConformanceTests; run where it is absent by tools/Lpr.Arm64Check.\n");
        text.Append("# case\tmodel sha256\toutput sha256 (one per output, comma-separated)\n");
        foreach (var d in digests)
        {
            text.Append(CultureInfo.InvariantCulture, $"{d.Case}\t{d.Model}\t{string.Join(',', d.Outputs)}\n");
        }

        return text.ToString();
    }

    /// <summary>Runs a case in the managed interpreter with <paramref name="options"/> and digests its outputs.</summary>
    public static CaseDigests RunManaged(WholeModelCase @case, ManagedInterpreterOptions options)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var model = TfLiteModel.FromBytes(@case.Model);
        using var interpreter = new ManagedInterpreter(model, options);
        var random = new Random(@case.InputSeed);
        for (var i = 0; i < model.MainGraph.InputTensors.Count; i++)
        {
            ConformanceInputs.Fill(interpreter.GetInputBuffer(i), model.MainGraph.InputTensors[i], random);
        }

        interpreter.Invoke();
        var outputs = new string[model.MainGraph.OutputTensors.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Sha256(interpreter.GetOutputBuffer(i));
        }

        return new CaseDigests(@case.Name, Sha256(@case.Model), outputs);
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
