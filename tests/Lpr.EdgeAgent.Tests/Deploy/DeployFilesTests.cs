using System.Diagnostics;
using Lpr.Testing;

namespace Lpr.EdgeAgent.Tests.Deploy;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeployFilesTests
{
    private static readonly string Unit = RepoPaths.Combine("deploy", "systemd", "lpr-edge-agent.service");
    private static readonly string InstallScript = RepoPaths.Combine("deploy", "install.sh");

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("lpr-unit-").FullName;
        try
        {
            // verify checks that ExecStart= is executable, so a copy of the unit points at a stand-in.
            var executable = Path.Combine(directory, "lpr-edge-agent");
            await File.WriteAllTextAsync(executable, "#!/bin/sh\nexit 0\n", ct);
            File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var lines = (await File.ReadAllLinesAsync(Unit, ct))
                .Select(l => l.StartsWith("ExecStart=", StringComparison.Ordinal) ? $"ExecStart={executable}" : l);
            var copy = Path.Combine(directory, "lpr-edge-agent.service");
            await File.WriteAllLinesAsync(copy, lines, ct);

            var (exitCode, output) = await RunAsync("systemd-analyze", ["verify", "--man=no", copy], ct);

            Assert.True(exitCode == 0, output);
            Assert.DoesNotContain("lpr-edge-agent.service:", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("Type", "notify")]
    [InlineData("WatchdogSec", "60")]
    [InlineData("Restart", "on-failure")]
    [InlineData("User", "lpr-edge-agent")]
    [InlineData("SupplementaryGroups", "video plugdev apex")]
    [InlineData("StateDirectory", "lpr-edge-agent")]
    [InlineData("ConfigurationDirectory", "lpr-edge-agent")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "yes")]
    [InlineData("PrivateTmp", "yes")]
    [InlineData("NoNewPrivileges", "yes")]
    [InlineData("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK")]
    public async Task The_unit_sets_what_the_service_relies_on(string key, string value)
    {
        var settings = (await File.ReadAllLinesAsync(Unit, TestContext.Current.CancellationToken))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0], p => p[1]);

        Assert.Contains(value, settings[key]);
    }

    [Fact]
    public async Task The_install_script_is_valid_bash_and_refuses_unknown_options()
    {
        var ct = TestContext.Current.CancellationToken;

        var syntax = await RunAsync("bash", ["-n", InstallScript], ct);
        var unknown = await RunAsync("bash", [InstallScript, "--bogus"], ct);

        Assert.True(syntax.ExitCode == 0, syntax.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown option '--bogus'", unknown.Output, StringComparison.Ordinal);
    }
}
