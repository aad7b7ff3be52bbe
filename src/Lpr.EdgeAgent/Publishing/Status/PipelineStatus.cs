namespace Lpr.EdgeAgent.Publishing.Status;

/// <summary>
/// The pipeline's figures for one status message: per-camera state, end-to-end latency percentiles over
/// a recent window, frames dropped under load, model/backend in use and the last error, if any.
/// </summary>
public sealed record PipelineStatus
{
    public static PipelineStatus Empty { get; } = new();

    public IReadOnlyList<CameraStatus> Cameras { get; init; } = [];

    /// <summary>Median capture-to-event latency in milliseconds over the recent window, null when nothing was measured.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>95th percentile capture-to-event latency in milliseconds, null when nothing was measured.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Frames dropped (drop-oldest under load) since start, all cameras and stages.</summary>
    public long FramesDropped { get; init; }

    public string? Model { get; init; }

    public string? Backend { get; init; }

    /// <summary>The most recent pipeline error, for operators (no secrets).</summary>
    public string? LastError { get; init; }
}
