using System.CommandLine;
using System.Globalization;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr model cut MODEL (--outputs NAME[,NAME...] | --before-custom-ops) --out FILE</c>: writes a model whose
/// outputs are the named tensors (names or <c>#index</c>, in that order), without the operators they do not depend
/// on (<see cref="ModelCutter"/>). <c>--before-custom-ops</c> takes the inputs of the custom operators instead, e.g.
/// strips an SSD detector's <c>TFLite_Detection_PostProcess</c> so the rest runs on the managed interpreter or the
/// Edge TPU. Prints what was kept and dropped. Exit code 0, or 2 when the model cannot be read, a tensor is
/// unknown or the options are wrong.
/// </summary>
internal static class ModelCutCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "A .tflite model file." };
        // One token per occurrence (comma-separated, or the option repeated): a token list would swallow MODEL
        // when it follows the option.
        var outputs = new Option<string[]>("--outputs")
        {
            Description = "The new model's outputs: tensor names or indices (#N, quoted in a shell), comma-separated or repeated (`lpr model inspect` shows them).",
        };
        var beforeCustomOps = new Option<bool>("--before-custom-ops") { Description = "Cut just before the custom operators: their computed inputs become the outputs." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the cut model.", Required = true };
        var cut = new Command("cut", "Write a model whose outputs are given tensors, without the operators no longer needed.") { model, outputs, beforeCustomOps, output };
        cut.SetAction(parseResult => Run(
            parseResult.GetValue(model)!.FullName,
            [.. (parseResult.GetValue(outputs) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            parseResult.GetValue(beforeCustomOps),
            parseResult.GetValue(output)!.FullName,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return cut;
    }

    internal static int Run(string path, IReadOnlyList<string> outputNames, bool beforeCustomOps, string outPath, TextWriter output, TextWriter error)
    {
        if (outputNames.Count > 0 == beforeCustomOps)
        {
            error.WriteLine("lpr model cut: give either --outputs NAME[,NAME...] or --before-custom-ops.");
            return 2;
        }

        TfLiteModel original;
        TfLiteModel cut;
        try
        {
            original = ModelReader.ReadFile(path);
            var outputs = beforeCustomOps
                ? ModelCutter.OutputsBeforeCustomOperators(original)
                : [.. outputNames.Select(name => ModelCutter.FindTensor(original, name))];
            cut = ModelCutter.Cut(original, outputs);
            ModelWriter.WriteFile(cut, outPath);
        }
        catch (Exception e) when (e is ArgumentException or ModelFormatException or UnsupportedOperatorException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"lpr model cut: {e.Message}");
            return 2;
        }

        var c = CultureInfo.InvariantCulture;
        var kept = cut.MainGraph.Operators.Length;
        var dropped = original.MainGraph.Operators.Length - kept;
        var remaining = OperatorCounts(cut);
        var droppedNames = OperatorCounts(original).Select(p => (p.Key, Count: p.Value - remaining.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Key} x{p.Count}");
        output.WriteLine(string.Create(c, $"Kept {kept} of {original.MainGraph.Operators.Length} operators{(dropped > 0 ? $"; dropped {string.Join(", ", droppedNames)}" : string.Empty)}."));
        output.WriteLine(string.Create(c, $"Inputs:  {string.Join("; ", cut.MainGraph.InputTensors.Select(Describe))}"));
        output.WriteLine(string.Create(c, $"Outputs: {string.Join("; ", cut.MainGraph.OutputTensors.Select(Describe))}"));
        output.WriteLine(string.Create(c, $"Wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes)."));
        return 0;
    }

    private static Dictionary<string, int> OperatorCounts(TfLiteModel model) =>
        model.MainGraph.Operators.GroupBy(op => model.GetOperatorCode(op).Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Describe(TensorInfo t) => $"#{t.Index} '{t.Name}' {t.Type.ToSchemaName()} [{string.Join(',', t.Shape)}]";
}
