namespace Lpr.EdgeAgent.Options;

/// <summary>Queues and behaviour of the capture → recognize → vote pipeline (<c>Lpr:Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Lpr:Pipeline";

    /// <summary>
    /// Frames waiting for recognition, all cameras together. When full the OLDEST frame is dropped and
    /// counted: a late frame of a passing car is worth less than the current one. Events are never dropped.
    /// </summary>
    public int FrameQueueCapacity { get; set; } = 4;

    /// <summary>Readings waiting for the vote stage; when full, recognition waits (nothing is dropped after recognition).</summary>
    public int ObservationQueueCapacity { get; set; } = 64;

    /// <summary>Stop the agent once every camera's input has ended (finite files or folders) and the events are delivered.</summary>
    public bool ExitWhenInputEnds { get; set; }

    /// <summary>How long an ending agent waits for its events to be acknowledged by the broker before it exits anyway (they stay in the outbox).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Print every published event (JSON) to standard output.</summary>
    public bool PrintEvents { get; set; }

    /// <summary>Attach the best plate crop to events as base64 JPEG.</summary>
    public bool IncludeCrop { get; set; }

    /// <summary>JPEG quality (1–100) of event crops.</summary>
    public int CropJpegQuality { get; set; } = 80;
}
