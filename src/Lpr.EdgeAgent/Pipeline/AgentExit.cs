namespace Lpr.EdgeAgent.Pipeline;

/// <summary>The exit code the agent ends with; a stage that must stop the agent for a fault records it here before stopping the host.</summary>
public sealed class AgentExit
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    /// <summary>Records a failure exit code; the first failure wins.</summary>
    public void Fail(int code) => Interlocked.CompareExchange(ref _code, code, 0);
}
