namespace Lpr.EdgeAgent.Capture;

/// <summary>Where a camera's capture loop is.</summary>
public enum CameraState
{
    Starting,

    /// <summary>Frames are flowing.</summary>
    Running,

    /// <summary>The source failed; the loop waits to reconnect.</summary>
    Down,

    /// <summary>A finite source (file, unwatched folder) was read to its end.</summary>
    Ended,

    Stopped,
}
