using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lpr.Testing;

namespace Lpr.EdgeAgent.Tests.Deploy;

/// <summary>
/// The device build, proven on this x86_64 machine under user-mode emulation: <c>scripts/arm64-proof.sh</c>
/// publishes the checker and the agent self-contained for linux-arm64 and runs them under qemu-aarch64-static —
/// the managed interpreter's whole-model conformance on every arm64 kernel path against the recorded x86_64
/// TFLite outputs, the imaging path without OpenCvSharp, and the agent's embedded default with the shipped models and
/// the learned locator, publishing each car of the sample clip once with its plate.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class Arm64ProofTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_linux_arm64_publish_passes_conformance_and_runs_the_agent_under_emulation()
    {
        if (RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Skip($"The proof emulates arm64 on x86_64; this machine is {RuntimeInformation.OSArchitecture}.");
        }

        if (!File.Exists("/usr/bin/qemu-aarch64-static"))
        {
            Assert.Skip("qemu-aarch64-static is not installed (bash scripts/install-deps.sh installs qemu-user-static and the arm64 runtime libraries).");
        }

        var ct = TestContext.Current.CancellationToken;
        var proofDirectory = Directory.CreateTempSubdirectory("lpr-arm64-proof-").FullName;
        try
        {
            var info = new ProcessStartInfo("bash", [RepoPaths.Combine("scripts", "arm64-proof.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["ARM64_PROOF_DIR"] = proofDirectory;
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"scripts/arm64-proof.sh did not finish within {Limit}.");
            }

            var text = await stdout + await stderr;
            output.WriteLine(text);
            Assert.True(process.ExitCode == 0, text);
            var conformance = ConformanceLine().Match(text);
            Assert.True(conformance.Success, "the checker's closing line is missing:\n" + text);
            Assert.True(int.Parse(conformance.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 40, conformance.Value);
            Assert.Equal("0", conformance.Groups["failed"].Value);
            Assert.Contains("AdvSimd supported", text, StringComparison.Ordinal);
            Assert.Contains("embedded default read to the end: yes", text, StringComparison.Ordinal);
            var plates = PlatesLine().Match(text);
            Assert.True(plates.Success, "the plates line is missing:\n" + text);
            Assert.Equal("learned", plates.Groups["locator"].Value);
            Assert.Equal(plates.Groups["expected"].Value, plates.Groups["published"].Value);
            var expected = File.ReadAllLines(RepoPaths.Combine("samples", "scenes", "labels.tsv")).Select(l => l.Split('\t')[1]).Distinct().Count();
            Assert.Equal(expected, plates.Groups["published"].Value.Split(' ').Length);
        }
        finally
        {
            Directory.Delete(proofDirectory, recursive: true);
        }
    }

    [GeneratedRegex(@"arm64-check: (?<passed>\d+) passed, (?<failed>\d+) failed")]
    private static partial Regex ConformanceLine();

    [GeneratedRegex(@"locator: (?<locator>\w+); plates published: (?<published>.+) \(expected: (?<expected>.+)\)")]
    private static partial Regex PlatesLine();
}
