namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>
/// Where the status publisher reads the pipeline's live figures each period. The pipeline implements it
/// and registers it as a singleton (it replaces the empty default of <c>AddLprPublishing</c>). Called from the
/// publisher's timer, so it must be thread-safe, quick and must not throw.
/// </summary>
public interface IAgentStatusSource
{
    PipelineStatus GetPipelineStatus();
}
