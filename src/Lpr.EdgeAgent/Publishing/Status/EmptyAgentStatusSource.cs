namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>The default until a pipeline registers its own source: no cameras, nothing measured.</summary>
internal sealed class EmptyAgentStatusSource : IAgentStatusSource
{
    public PipelineStatus GetPipelineStatus() => PipelineStatus.Empty;
}
