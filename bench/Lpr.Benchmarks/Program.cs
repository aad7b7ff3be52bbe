using BenchmarkDotNet.Running;
using Lpr.Benchmarks.Soak;

// `soak` is the agent's soak run (a child process over minutes); everything else is BenchmarkDotNet.
if (args.Length > 0 && args[0] == "soak")
{
    return await AgentSoak.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(AgentSoak).Assembly).Run(args);
return 0;
