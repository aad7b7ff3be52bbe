namespace Lpr.EdgeAgent.Options;

/// <summary>The cameras of this agent (<c>Lpr:Cameras</c>, a list). With none configured the agent runs its embedded default.</summary>
public sealed class CamerasOptions
{
    /// <summary>Bound from <c>Lpr</c>, whose <c>Cameras</c> list it takes.</summary>
    public const string SectionName = "Lpr";

    public List<CameraOptions> Cameras { get; } = [];
}
