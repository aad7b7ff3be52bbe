using System.Net;
using System.Text;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Health.Metrics;

/// <summary>
/// Serves <c>GET /metrics</c> (Prometheus text format) at <c>Lpr:Health:MetricsAddress</c>:<c>Lpr:Health:MetricsPort</c>
/// when the port is not 0, with the BCL's <see cref="HttpListener"/> (managed on Linux: a plain socket, no
/// http.sys, no web framework for one read-only page). Off by default: then no socket is opened at all.
/// A port that cannot be opened (in use, an address not of this host) is logged as an error naming the keys and
/// the agent runs on without metrics: plates matter more than the figures about them. Scrapes are answered one
/// at a time, each from the live counters.
/// </summary>
internal sealed partial class MetricsService(AgentMetrics metrics, IOptions<HealthOptions> options, ILogger<MetricsService> logger) : IHostedService, IDisposable
{
    private const string Path = "/metrics";
    private HttpListener? _listener;
    private Task? _serving;

    /// <summary>Where the endpoint answers while it listens; null when metrics are off or the port could not be opened.</summary>
    public Uri? Endpoint { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var health = options.Value;
        if (health.MetricsPort == 0)
        {
            return Task.CompletedTask;
        }

        // HttpListener's "+" is every interface; a specific address binds that address only (and answers
        // requests addressed to it by that address, not by a host name).
        var address = IPAddress.Parse(health.MetricsAddress);
        var host = address.Equals(IPAddress.Any) ? "+" : address.ToString();
        var listener = new HttpListener { IgnoreWriteExceptions = true };
        listener.Prefixes.Add($"http://{host}:{health.MetricsPort}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            listener.Close();
            LogCannotListen(address.ToString(), health.MetricsPort, e.Message);
            return Task.CompletedTask;
        }

        _listener = listener;
        Endpoint = new Uri($"http://{address}:{health.MetricsPort}{Path}");
        _serving = ServeAsync(listener);
        LogListening(Endpoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        // Closing fails the pending GetContextAsync, which ends the loop.
        listener.Close();
        Endpoint = null;
        if (_serving is { } serving)
        {
            await serving.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _listener?.Close();

    private async Task ServeAsync(HttpListener listener)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed: the agent is stopping
            }

            try
            {
                await RespondAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                LogScrapeFailed(e.Message); // the scraper went away; the next one is served as usual
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (!string.Equals(context.Request.Url?.AbsolutePath, Path, StringComparison.Ordinal))
            {
                await WriteAsync(response, HttpStatusCode.NotFound, "text/plain; charset=utf-8", $"Not found; the metrics are at {Path}\n").ConfigureAwait(false);
            }
            else if (context.Request.HttpMethod != "GET")
            {
                response.AddHeader("Allow", "GET");
                await WriteAsync(response, HttpStatusCode.MethodNotAllowed, "text/plain; charset=utf-8", "Only GET\n").ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(response, HttpStatusCode.OK, PrometheusTextWriter.ContentType, metrics.Render()).ConfigureAwait(false);
            }
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, string contentType, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics at {Endpoint}")]
    private partial void LogListening(Uri endpoint);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Cannot serve metrics on {Address}:{Port} (Lpr:Health:MetricsAddress, Lpr:Health:MetricsPort): {Reason}; the agent runs without metrics")]
    private partial void LogCannotListen(string address, int port, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request failed: {Reason}")]
    private partial void LogScrapeFailed(string reason);
}
