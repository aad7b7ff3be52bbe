using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Lpr.Testing;
using MQTTnet;

namespace Lpr.Benchmarks.Soak;

/// <summary>
/// The agent's soak benchmark: the real <c>lpr-edge-agent</c> as a child process on a 720p video of the bundled
/// scenes looped (ffmpeg makes it), with its in-process broker on a free loopback port, for a bounded time. It
/// samples the agent's own status messages (fps, latency p50/p95, drops) and its resident memory from /proc, then
/// prints a table and the figures against the goals as ratios (it asserts nothing: the machine is shared).
/// First phase: the agent idle (an empty watched folder) for idle RSS; second: the video at MaxFps.
/// <code>dotnet run -c Release --project bench/Lpr.Benchmarks -- soak [--seconds 60] [--fps 30] [--backend managed] [--workers 1] [--model PATH]</code>
/// </summary>
internal static class AgentSoak
{
    private const double GoalFps = 30;
    private const double GoalP95Ms = 100;
    private const double GoalIdleRssMb = 120;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntArg(args, "--seconds", 60);
        var fps = IntArg(args, "--fps", 30);
        var backend = StringArg(args, "--backend", "managed");
        var workers = IntArg(args, "--workers", 1);
        var model = Path.GetFullPath(StringArg(args, "--model", Path.Combine(RepoPaths.Models, "kr-plate-recognizer-int8.tflite")));
        var locator = StringArg(args, "--locator", "auto");
        var detector = Path.GetFullPath(StringArg(args, "--detector", Path.Combine(RepoPaths.Models, "kr-plate-detector-int8.tflite")));
        if (!File.Exists(model))
        {
            Console.Error.WriteLine($"soak: no model at {model} (--model PATH).");
            return 2;
        }

        string[] settings =
        [
            $"--Lpr:Recognizer:Model={model}",
            $"--Lpr:Recognizer:Backend={backend}",
            $"--Lpr:Recognizer:Workers={workers}",
            $"--Lpr:Cameras:0:Locator={locator}",
            $"--Lpr:Locator:Model={detector}",
        ];

        var work = Directory.CreateTempSubdirectory("lpr-soak-").FullName;
        try
        {
            var agentDll = await BuildAgentAsync(work);
            var video = Path.Combine(work, "scenes-720p.avi");
            await RunToolAsync("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", Path.Combine(RepoPaths.Samples, "scenes", "frame_%04d.jpg"), "-t", (seconds + 15).ToString(CultureInfo.InvariantCulture), "-c:v", "mjpeg", "-q:v", "4", video]);

            var idleFolder = Directory.CreateDirectory(Path.Combine(work, "idle")).FullName;
            Console.WriteLine("phase 1: idle agent (empty watched folder), 12 s");
            var idle = await SoakAsync(agentDll, work, settings, idleFolder, fps, TimeSpan.FromSeconds(12), watch: true);
            Console.WriteLine($"phase 2: {seconds} s of 1280x720 at MaxFps {fps}, backend {backend}, {workers} recognition worker(s), locator {locator}{(File.Exists(detector) ? "" : " (no detector model)")}");
            var busy = await SoakAsync(agentDll, work, settings, video, fps, TimeSpan.FromSeconds(seconds), watch: false);

            var idleRss = idle.Samples.Count > 0 ? idle.Samples[^1].RssMb : double.NaN;
            var steady = busy.Samples.Skip(busy.Samples.Count / 3).ToList();
            var meanFps = steady.Count > 0 ? steady.Average(s => s.Fps) : 0;
            var p95 = steady.Where(s => s.P95Ms.HasValue).Select(s => s.P95Ms!.Value).DefaultIfEmpty(double.NaN).Max();
            var p50 = steady.Where(s => s.P50Ms.HasValue).Select(s => s.P50Ms!.Value).DefaultIfEmpty(double.NaN).Average();
            var slope = RssSlopeMbPerMinute(steady);
            Console.WriteLine();
            Console.WriteLine($"idle RSS: {idleRss:0.0} MB (goal <= {GoalIdleRssMb} MB, ratio {idleRss / GoalIdleRssMb:0.00})");
            Console.WriteLine($"fps: {meanFps:0.0} (goal >= {GoalFps}, ratio {meanFps / GoalFps:0.00})");
            Console.WriteLine($"latency: p50 {p50:0.0} ms, worst p95 {p95:0.0} ms (goal <= {GoalP95Ms} ms, ratio {p95 / GoalP95Ms:0.00})");
            Console.WriteLine($"RSS under load: first {steady.FirstOrDefault().RssMb:0.0} MB, last {steady.LastOrDefault().RssMb:0.0} MB, max {steady.Select(s => s.RssMb).DefaultIfEmpty().Max():0.0} MB, slope {slope:0.00} MB/min over the steady part");
            Console.WriteLine($"frames dropped: {busy.Samples.LastOrDefault().Dropped}, plate events: {busy.Events}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<SoakRun> SoakAsync(string agentDll, string work, IReadOnlyList<string> settings, string source, int fps, TimeSpan duration, bool watch)
    {
        var port = FreeLoopbackPort();
        var outbox = Path.Combine(work, $"outbox-{port}.db");
        string[] agentArgs =
        [
            agentDll,
            "--Lpr:AgentId=soak",
            "--Lpr:Mqtt:Embedded=true",
            "--Lpr:Mqtt:Host=127.0.0.1",
            $"--Lpr:Mqtt:Port={port}",
            "--Lpr:Mqtt:StatusInterval=00:00:02",
            $"--Lpr:Outbox:Path={outbox}",
            .. settings,
            "--Lpr:Cameras:0:Id=soak",
            $"--Lpr:Cameras:0:Source={source}",
            $"--Lpr:Cameras:0:MaxFps={fps}",
            $"--Lpr:Cameras:0:WatchFolder={(watch ? "true" : "false")}",
            "--Lpr:Cameras:0:Live=true", // the video stands in for a camera: paced to MaxFps, the oldest frame dropped under load
            "--Lpr:Tracking:RepeatWindow=00:00:01",
            "--Logging:LogLevel:Default=Warning",
        ];
        var info = new ProcessStartInfo("dotnet", agentArgs) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_gcServer"] = "0";
        using var agent = Process.Start(info) ?? throw new InvalidOperationException("Could not start the agent.");
        var log = new StringBuilder();
        agent.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        var run = new SoakRun();
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await ConnectAsync(client, port, agent, log);
            client.ApplicationMessageReceivedAsync += e =>
            {
                if (e.ApplicationMessage.Topic.EndsWith("/status", StringComparison.Ordinal))
                {
                    run.LastStatus = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
                }
                else
                {
                    Interlocked.Increment(ref run.Events);
                }

                return Task.CompletedTask;
            };
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("lpr/soak/#").Build());
            Console.WriteLine("    t(s)   RSS(MB)    fps   p50(ms)  p95(ms)  dropped  events");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !agent.HasExited)
            {
                await Task.Delay(SampleEvery);
                var sample = Sample(agent.Id, run.LastStatus, clock.Elapsed);
                run.Samples.Add(sample);
                Console.WriteLine($"  {sample.Seconds,6:0}  {sample.RssMb,8:0.0}  {sample.Fps,5:0.0}  {Format(sample.P50Ms),8}  {Format(sample.P95Ms),7}  {sample.Dropped,7}  {run.Events,6}");
            }

            if (agent.HasExited)
            {
                Console.Error.WriteLine($"soak: the agent exited early with code {agent.ExitCode}:\n{log}");
            }
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }

            await agent.WaitForExitAsync();
        }

        return run;
    }

    private static async Task ConnectAsync(IMqttClient client, int port, Process agent, StringBuilder log)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithTimeout(TimeSpan.FromSeconds(2)).Build();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.ConnectAsync(options);
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !agent.HasExited)
            {
                await Task.Delay(200);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"The agent's broker on port {port} did not answer: {e.Message}\n{log}", e);
            }
        }
    }

    private static SoakSample Sample(int pid, string? status, TimeSpan at)
    {
        double fps = 0;
        double? p50 = null, p95 = null;
        long dropped = 0;
        if (status is not null)
        {
            using var json = JsonDocument.Parse(status);
            var root = json.RootElement;
            if (root.TryGetProperty("cameras", out var cameras) && cameras.ValueKind == JsonValueKind.Array)
            {
                fps = cameras.EnumerateArray().Sum(c => c.GetProperty("fps").GetDouble());
            }

            p50 = root.TryGetProperty("latencyP50Ms", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
            p95 = root.TryGetProperty("latencyP95Ms", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : null;
            dropped = root.TryGetProperty("framesDropped", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : 0;
        }

        return new SoakSample(at.TotalSeconds, ResidentMegabytes(pid), fps, p50, p95, dropped);
    }

    private static double ResidentMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    // Least squares over the steady samples: a leak shows as a positive slope, a warm-up as a step.
    private static double RssSlopeMbPerMinute(IReadOnlyList<SoakSample> samples)
    {
        if (samples.Count < 3)
        {
            return double.NaN;
        }

        var mx = samples.Average(s => s.Seconds);
        var my = samples.Average(s => s.RssMb);
        var num = samples.Sum(s => (s.Seconds - mx) * (s.RssMb - my));
        var den = samples.Sum(s => (s.Seconds - mx) * (s.Seconds - mx));
        return den == 0 ? 0 : num / den * 60;
    }

    private static async Task<string> BuildAgentAsync(string work)
    {
        var output = Path.Combine(work, "agent");
        await RunToolAsync("dotnet", ["build", Path.Combine(RepoPaths.Root, "src", "Lpr.EdgeAgent"), "-c", "Release", "-o", output, "-v", "quiet", "-nologo"]);
        return Path.Combine(output, "lpr-edge-agent.dll");
    }

    private static async Task RunToolAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {tool}.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string StringArg(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    private readonly record struct SoakSample(double Seconds, double RssMb, double Fps, double? P50Ms, double? P95Ms, long Dropped);

    private sealed class SoakRun
    {
        public List<SoakSample> Samples { get; } = [];

        public string? LastStatus { get; set; }

#pragma warning disable SA1401, CA1051 // Interlocked needs the field.
        public int Events;
#pragma warning restore SA1401, CA1051
    }
}
