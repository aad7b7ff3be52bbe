namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>One camera's state in a status message.</summary>
/// <param name="Id">The camera id (<c>Lpr:Cameras:N:Id</c>).</param>
/// <param name="Connected">Whether the source currently delivers frames (false while reconnecting).</param>
/// <param name="Fps">Frames per second processed over the recent window.</param>
/// <param name="FramesDropped">Frames of this camera dropped since start.</param>
/// <param name="LastError">The camera's most recent error, null when healthy.</param>
public sealed record CameraStatus(string Id, bool Connected, double Fps, long FramesDropped, string? LastError);
