using Lpr.EdgeAgent.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lpr.EdgeAgent.Tests.Pipeline;

/// <summary>Configuration of an agent run in a test: private outbox, a placeholder model file, a broker port.</summary>
internal sealed class AgentRun : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lpr-agent-").FullName;
    private readonly List<string> _args = [];

    public AgentRun(int brokerPort, string host = "127.0.0.1")
    {
        // The scripted recognizer replaces the model; the file only satisfies the start-up check.
        ModelPath = System.IO.Path.Combine(_directory, "model.tflite");
        File.WriteAllBytes(ModelPath, [0]);
        Set("Lpr:AgentId", "test-agent");
        Set("Lpr:Mqtt:Host", host);
        Set("Lpr:Mqtt:Port", brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Lpr:Outbox:Path", System.IO.Path.Combine(_directory, "outbox.db"));
        Set("Lpr:Recognizer:Model", ModelPath);
    }

    public string ModelPath { get; }

    public string Directory => _directory;

    public string[] Args => [.. _args];

    public AgentRun Set(string key, string value)
    {
        _args.Add($"--{key}={value}");
        return this;
    }

    public AgentRun Camera(int index, string id, string source, double maxFps = 50, bool watch = false) =>
        Set($"Lpr:Cameras:{index}:Id", id)
            .Set($"Lpr:Cameras:{index}:Source", source)
            .Set($"Lpr:Cameras:{index}:MaxFps", maxFps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set($"Lpr:Cameras:{index}:WatchFolder", watch ? "true" : "false")
            .Set($"Lpr:Cameras:{index}:Locator", "fixed") // the scripted recognizer reads whole uniform frames
            .Set($"Lpr:Cameras:{index}:ReconnectInitialDelay", "00:00:00.200")
            .Set($"Lpr:Cameras:{index}:ReconnectMaxDelay", "00:00:01");

    /// <summary>Broker timing for outage tests (as the publishing tests use): reconnect within half a second, notice a dead connection within seconds.</summary>
    public AgentRun FastReconnect() =>
        Set("Lpr:Mqtt:ReconnectInitialDelay", "00:00:00.100")
            .Set("Lpr:Mqtt:ReconnectMaxDelay", "00:00:00.500")
            .Set("Lpr:Mqtt:ConnectTimeout", "00:00:03")
            .Set("Lpr:Mqtt:PublishTimeout", "00:00:03")
            .Set("Lpr:Mqtt:KeepAlive", "00:00:05");

    public static Action<HostApplicationBuilder> WithRecognizer(IReadOnlyDictionary<byte, string> script) =>
        builder => builder.Services.AddSingleton<IPlateRecognizerFactory>(new ScriptedRecognizerFactory(script));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
