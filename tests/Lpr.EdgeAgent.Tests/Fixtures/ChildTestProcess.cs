using System.Diagnostics;

namespace Lpr.EdgeAgent.Tests.Fixtures;

/// <summary>
/// Starts one explicit test method of this test assembly in a child process (so a test can SIGKILL a whole agent and
/// start it again), passing it what it needs in environment variables. Its output is read and discarded, so a chatty
/// child never blocks on a full pipe.
/// </summary>
internal static class ChildTestProcess
{
    public static Process Start(Type testClass, string method, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(DotnetHost(), ["exec", testClass.Assembly.Location, "-method", $"{testClass.FullName}.{method}", "-explicit", "only"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the child agent");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The dotnet host running this test process, to start a child test process with.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
}
