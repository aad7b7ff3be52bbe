using Lpr.EdgeAgent.Tests.Pipeline;

namespace Lpr.EdgeAgent.Tests.Options;

/// <summary>Tests that change process environment variables, which every host built meanwhile would read.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class EnvironmentConfigurationTests
{
    [Fact]
    public async Task Environment_variables_in_the_Lpr_double_underscore_form_are_read()
    {
        using var run = new AgentRun(brokerPort: 1883).Camera(0, "gate", "/dev/video0");
        using var error = new StringWriter();
        Environment.SetEnvironmentVariable("Lpr__Cameras__0__MaxFps", "999");
        try
        {
            var args = run.Args.Where(a => !a.StartsWith("--Lpr:Cameras:0:MaxFps", StringComparison.Ordinal)).ToArray();
            var exitCode = await AgentHost.RunAsync(args, error, cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(AgentHost.InvalidConfigurationExitCode, exitCode);
            Assert.Contains("Lpr:Cameras:0:MaxFps must be above 0 and at most 120 (was 999)", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Lpr__Cameras__0__MaxFps", null);
        }
    }
}
