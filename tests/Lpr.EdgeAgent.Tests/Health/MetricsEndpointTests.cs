using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lpr.EdgeAgent.Capture;
using Lpr.EdgeAgent.Health.Metrics;
using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Publishing.Outbox;
using Lpr.EdgeAgent.Tests.Fixtures;
using Lpr.EdgeAgent.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Tests.Health;

/// <summary>
/// <c>GET /metrics</c> of the real agent host (image-folder camera, the scripted test recognizer, a real mosquitto):
/// the Prometheus text format checked line by line by <see cref="PrometheusExposition"/>, and the counters moving as
/// frames go through. Off by default; wrong values are start-up errors (see <c>OptionsValidationTests</c>).
/// </summary>
public sealed class MetricsEndpointTests(MosquittoFixture broker) : IClassFixture<MosquittoFixture>
{
    private static readonly Dictionary<byte, string> Script = new() { [40] = "12가3456" };

    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["lpr_frames_captured_total"] = "counter",
        ["lpr_frames_processed_total"] = "counter",
        ["lpr_frames_dropped_total"] = "counter",
        ["lpr_frames_thinned_total"] = "counter",
        ["lpr_inputs_skipped_total"] = "counter",
        ["lpr_candidates_rejected_total"] = "counter",
        ["lpr_camera_up"] = "gauge",
        ["lpr_recognition_errors_total"] = "counter",
        ["lpr_events_decided_total"] = "counter",
        ["lpr_events_published_total"] = "counter",
        ["lpr_repeats_suppressed_total"] = "counter",
        ["lpr_invalid_dropped_total"] = "counter",
        ["lpr_outbox_depth"] = "gauge",
        ["lpr_outbox_evicted_total"] = "counter",
        ["lpr_mqtt_connected"] = "gauge",
        ["lpr_mqtt_connect_failures_total"] = "counter",
        ["lpr_latency_seconds"] = "gauge",
        ["lpr_uptime_seconds"] = "gauge",
        ["lpr_build_info"] = "gauge",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_running_agent_serves_its_counters_at_metrics_in_the_Prometheus_text_format()
    {
        using var scenes = new SceneFolder(); // watched and empty at first: the first scrape sees an idle camera
        var port = FreeLoopbackPort();
        using var run = new AgentRun(broker.Port)
            .Camera(0, "gate", scenes.Path, watch: true)
            .Set("Lpr:Health:MetricsPort", port.ToString(CultureInfo.InvariantCulture));
        await using var collector = await PlateCollector.ConnectAsync(broker.Host, broker.Port, Cancel);
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var camera = host.Services.GetRequiredService<PipelineStatistics>().Camera("gate");
        var outbox = host.Services.GetRequiredService<SqliteOutbox>();
        var endpoint = new Uri($"http://127.0.0.1:{port}/metrics");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await host.StartAsync(Cancel);
        try
        {
            Assert.Equal(endpoint, host.Services.GetRequiredService<MetricsService>().Endpoint);
            await WaitUntilAsync(() => camera.State == CameraState.Running, () => $"camera state {camera.State}");
            var before = await ScrapeAsync(http, endpoint);

            const int Frames = 8;
            scenes.Add(40, Frames); // a car passes
            await collector.WaitForAsync(1, TimeSpan.FromSeconds(20), Cancel);
            // Quiet again: every image read (passed on or thinned), every frame passed on processed or dropped, the event acknowledged.
            await WaitUntilAsync(
                () => camera.FramesCaptured + camera.FramesThinned == Frames && camera.FramesProcessed + camera.FramesDropped == camera.FramesCaptured && outbox.Count == 0,
                () => $"captured {camera.FramesCaptured}, thinned {camera.FramesThinned}, processed {camera.FramesProcessed}, dropped {camera.FramesDropped}, outbox {outbox.Count}");
            var (after, afterText) = await ScrapeTextAsync(http, endpoint);
            using var notFound = await http.GetAsync(new Uri(endpoint, "/"), Cancel);

            foreach (var scrape in (PrometheusExposition[])[before, after])
            {
                Assert.Equal(Families, scrape.TypeOf.ToDictionary(StringComparer.Ordinal));
                Assert.All(scrape.HelpOf.Values, help => Assert.False(string.IsNullOrWhiteSpace(help)));
                Assert.Equal(Families.Keys.Order(StringComparer.Ordinal), scrape.HelpOf.Keys.Order(StringComparer.Ordinal));
            }

            (string, string) gate = ("camera", "gate");
            Assert.Equal(0, before.Value("lpr_frames_captured_total", gate));
            Assert.Equal(0, before.Value("lpr_events_decided_total"));
            Assert.Equal(1, before.Value("lpr_camera_up", gate));
            Assert.DoesNotContain(before.Samples, s => s.Name == "lpr_latency_seconds"); // nothing measured yet

            // The counters moved with the frames, and they are the pipeline's own figures, not a second count.
            Assert.True(after.Value("lpr_frames_captured_total", gate) > before.Value("lpr_frames_captured_total", gate));
            Assert.Equal(Frames, after.Value("lpr_frames_captured_total", gate) + after.Value("lpr_frames_thinned_total", gate));
            Assert.Equal(camera.FramesCaptured, after.Value("lpr_frames_captured_total", gate));
            Assert.Equal(camera.FramesProcessed, after.Value("lpr_frames_processed_total", gate));
            Assert.Equal(camera.FramesDropped, after.Value("lpr_frames_dropped_total", gate));
            Assert.True(after.Value("lpr_frames_processed_total", gate) >= 1);
            Assert.Equal(0, after.Value("lpr_candidates_rejected_total", gate)); // the fixed locator's region is the plate
            Assert.Equal(1, after.Value("lpr_camera_up", gate));
            Assert.Equal(1, after.Value("lpr_events_decided_total"));
            Assert.Equal(1, after.Value("lpr_events_published_total"));
            Assert.Equal(0, after.Value("lpr_outbox_depth"));
            Assert.Equal(0, after.Value("lpr_outbox_evicted_total"));
            Assert.Equal(0, after.Value("lpr_recognition_errors_total"));
            Assert.Equal(1, after.Value("lpr_mqtt_connected"));
            var p50 = after.Value("lpr_latency_seconds", ("quantile", "0.5"));
            var p95 = after.Value("lpr_latency_seconds", ("quantile", "0.95"));
            Assert.InRange(p50, 0, p95);
            Assert.InRange(p95, p50, 10);
            Assert.True(after.Value("lpr_uptime_seconds") > before.Value("lpr_uptime_seconds"));
            var build = Assert.Single(after.Samples, s => s.Name == "lpr_build_info");
            Assert.Equal(1, build.Value);
            Assert.Equal("scripted-test-recognizer", build.Labels["model"]);
            Assert.Equal("scripted", build.Labels["backend"]);
            Assert.False(string.IsNullOrEmpty(build.Labels["version"]));
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"metrics: {after.Samples.Count} samples in {after.TypeOf.Count} families; frames captured {camera.FramesCaptured}, thinned {camera.FramesThinned}, " +
                $"processed {camera.FramesProcessed}, dropped {camera.FramesDropped}; latency p50 {p50 * 1000:0.0} ms, p95 {p95 * 1000:0.0} ms; the scrape:\n{afterText}");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        // Stopped: the port is closed again.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(endpoint, Cancel));
    }

    [Fact]
    public async Task Metrics_are_off_by_default_and_no_port_is_opened()
    {
        using var run = new AgentRun(broker.Port).Camera(0, "gate", "/dev/video97"); // nothing to read: only the start matters
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<IOptions<HealthOptions>>().Value;

        await host.StartAsync(Cancel);
        try
        {
            Assert.Equal(0, health.MetricsPort);
            Assert.Equal("127.0.0.1", health.MetricsAddress);
            Assert.Null(host.Services.GetRequiredService<MetricsService>().Endpoint);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_metrics_port_in_use_is_logged_naming_the_keys_and_the_agent_runs_on()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        using var run = new AgentRun(broker.Port).Camera(0, "gate", "/dev/video97").Set("Lpr:Health:MetricsPort", port.ToString(CultureInfo.InvariantCulture));
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        builder.Services.AddFakeLogging();
        using var host = builder.Build();

        await host.StartAsync(Cancel);
        try
        {
            Assert.Null(host.Services.GetRequiredService<MetricsService>().Endpoint);
            var error = Assert.Single(host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), r => r.Category == typeof(MetricsService).FullName && r.Level == LogLevel.Error);
            Assert.Contains($"127.0.0.1:{port} (Lpr:Health:MetricsAddress, Lpr:Health:MetricsPort)", error.Message, StringComparison.Ordinal);
            Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Label_values_and_help_texts_are_escaped_as_the_format_requires()
    {
        var text = new PrometheusTextWriter()
            .Counter("lpr_test_total", "Back\\slash and a\nline feed.")
            .Sample(3, ("camera", "a\"b\\c\nd"))
            .Sample(4, ("camera", "plain"))
            .Gauge("lpr_test_ratio", "A gauge.")
            .Sample(double.NaN)
            .ToString();

        var scrape = PrometheusExposition.Parse(text);

        Assert.Equal("Back\\slash and a\nline feed.", scrape.HelpOf["lpr_test_total"]);
        Assert.Equal(3, scrape.Value("lpr_test_total", ("camera", "a\"b\\c\nd")));
        Assert.Equal(4, scrape.Value("lpr_test_total", ("camera", "plain")));
        Assert.True(double.IsNaN(scrape.Value("lpr_test_ratio")));
        Assert.Contains("lpr_test_total{camera=\"a\\\"b\\\\c\\nd\"} 3\n", text, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new PrometheusTextWriter().Counter("lpr_a_total", "x").Gauge("lpr_a_total", "again"));
    }

    [Fact]
    public void The_format_check_rejects_a_sample_without_its_TYPE_and_a_split_family()
    {
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("lpr_orphan 1\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"1\"} 2\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# TYPE a gauge\na{x=\"1} 2\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# TYPE a gauge\na 1"));
        Assert.Equal(2, PrometheusExposition.Parse("# HELP a A.\n# TYPE a gauge\na{x=\"}\"} 2 1700000000000\n").Value("a", ("x", "}")));
    }

    private static async Task<PrometheusExposition> ScrapeAsync(HttpClient http, Uri endpoint)
    {
        var (scrape, _) = await ScrapeTextAsync(http, endpoint);
        return scrape;
    }

    private static async Task<(PrometheusExposition Scrape, string Text)> ScrapeTextAsync(HttpClient http, Uri endpoint)
    {
        using var response = await http.GetAsync(endpoint, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("text/plain", contentType.MediaType);
        Assert.Contains(contentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (PrometheusExposition.Parse(text), text);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out: {what()}");
            }

            await Task.Delay(25, Cancel);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
