using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Commands;

/// <summary>
/// <c>lpr model profile MODEL [--runs N] [--kernels simd|portable|reference]</c>: runs the model in the managed
/// interpreter on a fixed pseudo-random input (after warm-up runs) and prints, per operator and per operator type,
/// the mean time, its share of the invoke and the multiply-accumulates per second: where a model's time goes
/// before anyone optimizes a kernel. Times on a shared machine are noisy; BenchmarkDotNet (bench/) is the measure.
/// Exit code 0, or 2 when the model cannot be read or run.
/// </summary>
internal static class ModelProfileCommand
{
    private const int WarmupRuns = 3;

    public static Command Create()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "A .tflite model file." };
        var runs = new Option<int>("--runs") { Description = "Timed invokes (after 3 warm-up runs).", DefaultValueFactory = _ => 20 };
        var kernels = new Option<string>("--kernels") { Description = "simd (default: this CPU's best), portable (Vector128) or reference (plain loops).", DefaultValueFactory = _ => "simd" };
        kernels.AcceptOnlyFromAmong("simd", "portable", "reference");
        var top = new Option<int>("--top") { Description = "How many of the slowest operators to list.", DefaultValueFactory = _ => 15 };
        var profile = new Command("profile", "Time every operator of a model in the managed interpreter.") { model, runs, kernels, top };
        profile.SetAction(parseResult => Run(
            parseResult.GetValue(model)!.FullName,
            parseResult.GetValue(runs),
            parseResult.GetValue(kernels)!,
            parseResult.GetValue(top),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return profile;
    }

    internal static int Run(string path, int runs, string kernels, int top, TextWriter output, TextWriter error)
    {
        if (runs < 1 || top < 0)
        {
            error.WriteLine($"lpr: --runs must be at least 1 and --top at least 0 (got {runs}, {top}).");
            return 2;
        }

        TfLiteModel model;
        ManagedInterpreter interpreter;
        try
        {
            model = ModelReader.ReadFile(path);
            interpreter = new ManagedInterpreter(model, new ManagedInterpreterOptions
            {
                UseSimd = kernels != "reference",
                SimdPath = kernels == "portable" ? SimdPath.Portable : SimdPath.Best,
            });
        }
        catch (Exception e) when (e is ModelFormatException or UnsupportedOperatorException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"lpr: {e.Message}");
            return 2;
        }

        using (interpreter)
        {
            // A fixed input: int8 timing does not depend on the values, and a seed keeps runs comparable.
            var random = new Random(1);
            for (var i = 0; i < interpreter.Inputs.Count; i++)
            {
                random.NextBytes(interpreter.GetInputBuffer(i));
            }

            var ticks = new long[interpreter.OperatorCount];
            for (var r = 0; r < WarmupRuns; r++)
            {
                interpreter.Invoke();
            }

            for (var r = 0; r < runs; r++)
            {
                interpreter.InvokeProfiled(ticks);
            }

            Write(output, Path.GetFileName(path), model, ticks, runs, kernels, top);
        }

        return 0;
    }

    private static void Write(TextWriter output, string fileName, TfLiteModel model, long[] ticks, int runs, string kernels, int top)
    {
        var graph = model.MainGraph;
        double Milliseconds(long t) => t * 1000.0 / Stopwatch.Frequency / runs;
        var rows = graph.Operators.Select((op, n) => (
            Index: n,
            Name: model.GetOperatorCode(op).Name,
            Output: op.Outputs.Length > 0 && op.Outputs[0] >= 0 ? graph.Tensors[op.Outputs[0]].ShapeText : "-",
            Macs: ModelStatistics.OperatorMacs(model, op),
            Ms: Milliseconds(ticks[n]))).ToList();
        var total = rows.Sum(r => r.Ms);
        var totalMacs = rows.Sum(r => r.Macs);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"model: {fileName} kernels: {kernels} runs: {runs}"));
        output.WriteLine(string.Create(c, $"invoke: {total:F3} ms, {totalMacs / 1e6:F2}M MACs, {Rate(totalMacs, total)}"));
        output.WriteLine("per operator type:");
        foreach (var group in rows.GroupBy(r => r.Name).OrderByDescending(g => g.Sum(r => r.Ms)))
        {
            var ms = group.Sum(r => r.Ms);
            var macs = group.Sum(r => r.Macs);
            output.WriteLine(string.Create(c, $"  {group.Key,-20} x{group.Count(),-4} {ms,8:F3} ms {100 * ms / total,5:F1} %  {Rate(macs, ms)}"));
        }

        output.WriteLine($"slowest operators:");
        foreach (var row in rows.OrderByDescending(r => r.Ms).Take(top))
        {
            output.WriteLine(string.Create(c, $"  #{row.Index,-4} {row.Name,-20} {row.Output,-16} {row.Ms,8:F3} ms {100 * row.Ms / total,5:F1} %  {Rate(row.Macs, row.Ms)}"));
        }
    }

    private static string Rate(long macs, double milliseconds) =>
        macs == 0 || milliseconds <= 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{macs / milliseconds / 1e6:F2} GMAC/s");
}
