using System.Reflection;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Mqtt;
using Lpr.EdgeAgent.Publishing.Outbox;
using Lpr.EdgeAgent.Publishing.Status;

namespace Lpr.EdgeAgent.Health.Metrics;

/// <summary>
/// The agent's metrics, in the Prometheus text format, read at each scrape from the counters the pipeline and the
/// publisher keep anyway (<see cref="PipelineStatistics"/>, <see cref="CameraCounters"/>, <see cref="PublishingStatistics"/>,
/// the outbox): nothing is counted twice, so the metrics and the status message always agree. Names carry the
/// <c>lpr_</c> prefix, counters end in <c>_total</c>, durations are in seconds, per-camera series have <c>camera="id"</c>.
/// </summary>
internal sealed class AgentMetrics(
    PipelineStatistics pipeline,
    PublishingStatistics publishing,
    SqliteOutbox outbox,
    MqttConnection connection,
    AgentUptime uptime)
{
    private static readonly string Version =
        typeof(AgentMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AgentMetrics).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static readonly (double Percentile, string Quantile)[] Quantiles = [(50, "0.5"), (95, "0.95")];

    public string Render()
    {
        var cameras = pipeline.Cameras;
        var text = new PrometheusTextWriter();
        PerCamera(text.Counter("lpr_frames_captured_total", "Frames a camera passed on to recognition (after the MaxFps cap)."), cameras, c => c.FramesCaptured);
        PerCamera(text.Counter("lpr_frames_processed_total", "Frames of a camera the recognition workers finished."), cameras, c => c.FramesProcessed);
        PerCamera(text.Counter("lpr_frames_dropped_total", "Frames of a camera dropped from the full frame queue (drop-oldest under load)."), cameras, c => c.FramesDropped);
        PerCamera(text.Counter("lpr_frames_thinned_total", "Frames of a live source discarded to respect MaxFps (not an overload)."), cameras, c => c.FramesThinned);
        PerCamera(text.Counter("lpr_inputs_skipped_total", "Inputs of a camera that could not be read (an unreadable image in a folder)."), cameras, c => c.InputsSkipped);
        PerCamera(text.Counter("lpr_candidates_rejected_total", "Located candidates the recognizer did not confirm as plates."), cameras, c => c.CandidatesRejected);
        PerCamera(text.Gauge("lpr_camera_up", "1 while the camera's source delivers frames; 0 while it starts, is down and reconnecting, or has ended."), cameras, c => c.State == CameraState.Running ? 1 : 0);

        text.Counter("lpr_recognition_errors_total", "Frames whose recognition failed.").Sample(pipeline.RecognitionErrors);
        text.Counter("lpr_events_decided_total", "Plate events the vote stage decided and stored in the outbox.").Sample(pipeline.EventsDecided);
        text.Counter("lpr_events_published_total", "Plate events the broker acknowledged (PUBACK); a redelivery counts again.").Sample(publishing.EventsPublished);
        text.Counter("lpr_repeats_suppressed_total", "Passes not published because the same plate was published on that camera within Lpr:Tracking:RepeatWindow.").Sample(pipeline.SuppressedRepeats);
        text.Counter("lpr_invalid_dropped_total", "Passes dropped because the plate grammar rejects their text (Lpr:Tracking:PublishInvalid false).").Sample(pipeline.DroppedInvalid);
        text.Gauge("lpr_outbox_depth", "Events waiting in the outbox for the broker's PUBACK.").Sample(outbox.Count);
        text.Counter("lpr_outbox_evicted_total", "Events evicted from the outbox by its size and age bounds (persisted in the outbox, so it survives restarts).").Sample(outbox.EvictedTotal);
        text.Gauge("lpr_mqtt_connected", "1 while the agent is connected to its MQTT broker.").Sample(connection.IsConnected ? 1 : 0);
        text.Counter("lpr_mqtt_connect_failures_total", "Failed connection attempts to the MQTT broker.").Sample(publishing.ConnectFailures);

        // Quantiles of the recent window the status message reports too; no sample before the first frame.
        text.Gauge("lpr_latency_seconds", "Capture-to-vote latency of a frame, over the last 1024 frames.");
        foreach (var (percentile, quantile) in Quantiles)
        {
            if (pipeline.LatencyPercentile(percentile) is { } milliseconds)
            {
                text.Sample(milliseconds / 1000, ("quantile", quantile));
            }
        }

        text.Gauge("lpr_uptime_seconds", "Seconds since the agent started.").Sample(Math.Round(uptime.Elapsed.TotalSeconds, 3));
        text.Gauge("lpr_build_info", "Always 1; the labels name the agent's version and the recognizer's model and backend (empty until the first worker loaded it).")
            .Sample(1, ("version", Version), ("model", pipeline.Model ?? ""), ("backend", pipeline.Backend ?? ""));
        return text.ToString();
    }

    private static void PerCamera(PrometheusTextWriter text, IReadOnlyCollection<CameraCounters> cameras, Func<CameraCounters, long> value)
    {
        foreach (var camera in cameras)
        {
            text.Sample(value(camera), ("camera", camera.Id));
        }
    }
}
