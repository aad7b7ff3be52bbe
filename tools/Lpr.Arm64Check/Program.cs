using System.Diagnostics;
using System.Runtime.InteropServices;
using Lpr.Arm64Check;

// lpr-arm64-check: the managed interpreter's whole-model conformance against the x64 oracle's recorded outputs, on
// every kernel path of this CPU, plus the device imaging path; ends with one 'arm64-check: N passed, N failed' line.
//   lpr-arm64-check                              run the checks (exit 1 when one fails)
if (args.Length > 0)
{
    Console.Error.WriteLine("usage: lpr-arm64-check");
    return 2;
}

var clock = Stopwatch.StartNew();
Console.WriteLine($"lpr-arm64-check on {RuntimeInformation.RuntimeIdentifier} ({RuntimeInformation.ProcessArchitecture}), {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"simd: {Lpr.TfLite.Interpreter.SimdPaths.Describe()}");
var results = new List<bool>();
results.AddRange(ConformanceCheck.Run(Console.Out));
results.Add(ImagingCheck.Run(Console.Out, Path.Combine(AppContext.BaseDirectory, "samples")));
var passed = results.Count(r => r);
var failed = results.Count - passed;
Console.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"arm64-check: {passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
