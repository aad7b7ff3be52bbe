using System.Diagnostics;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Tests.Conformance;

namespace Lpr.Arm64Check;

/// <summary>Every whole-model case on the reference kernels and on both SIMD paths, against the recorded x64 oracle.</summary>
internal static class ConformanceCheck
{
    public static IEnumerable<bool> Run(TextWriter output)
    {
        var recorded = RecordedOutputs.Load();
        (string Name, ManagedInterpreterOptions Options)[] paths =
        [
            ("reference", new() { UseSimd = false }),
            ($"simd-{SimdPaths.Best}", new()),
            ("simd-portable", new() { SimdPath = SimdPath.Portable }),
        ];
        output.WriteLine($"conformance: {WholeModelCases.All.Count} whole-model cases x {paths.Length} kernel paths ({string.Join(", ", paths.Select(p => p.Name))}) against the recorded TFLite 2.2 x86_64 outputs");
        foreach (var @case in WholeModelCases.All)
        {
            var line = new System.Text.StringBuilder($"  {@case.Name,-22}");
            foreach (var (name, options) in paths)
            {
                var watch = Stopwatch.StartNew();
                bool ok;
                string detail;
                try
                {
                    var actual = RecordedOutputs.RunManaged(@case, options);
                    var expected = recorded.TryGetValue(@case.Name, out var r) ? r : null;
                    ok = expected is not null && expected.Model == actual.Model && expected.OutputsEqual(actual);
                    detail = ok ? "ok"
                        : expected is null ? "NOT RECORDED"
                        : expected.Model != actual.Model ? $"MODEL DIFFERS (sha256 {actual.Model[..12]}…)"
                        : $"OUTPUT DIFFERS (sha256 {string.Join(',', actual.Outputs.Select(o => o[..12]))}…, x64 {string.Join(',', expected.Outputs.Select(o => o[..12]))}…)";
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    ok = false;
                    detail = $"FAILED ({e.GetType().Name}: {e.Message})";
                }

                line.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {name} {detail} ({watch.ElapsedMilliseconds} ms)");
                yield return ok;
            }

            output.WriteLine(line.ToString());
        }
    }
}
