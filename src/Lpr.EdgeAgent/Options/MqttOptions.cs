namespace Lpr.EdgeAgent.Options;

/// <summary>
/// How the agent reaches its MQTT broker (section <c>Lpr:Mqtt</c>). Validated at start by
/// <c>MqttOptionsValidator</c>; every message names the key. Secrets (password) are never logged:
/// this is a class, not a record, so nothing prints it by accident.
/// </summary>
public sealed class MqttOptions
{
    public const string SectionName = "Lpr:Mqtt";

    /// <summary>
    /// The agent id used in topics and the client id. Read from <c>Lpr:AgentId</c> (not from this section);
    /// defaults to the host name.
    /// </summary>
    public string AgentId { get; set; } = string.Empty;

    /// <summary>Broker host name or address (<c>Lpr:Mqtt:Host</c>).</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker TCP port (<c>Lpr:Mqtt:Port</c>); 8883 is usual with TLS.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Host an in-process MQTT broker on loopback at <see cref="Port"/> (<c>Lpr:Mqtt:Embedded</c>), for the
    /// embedded default and for sites without a broker. Requires <see cref="Host"/> to be a loopback name.
    /// </summary>
    public bool Embedded { get; set; }

    /// <summary>First topic level (<c>Lpr:Mqtt:TopicPrefix</c>): events go to <c>&lt;prefix&gt;/&lt;agentId&gt;/&lt;cameraId&gt;/plate</c>.</summary>
    public string TopicPrefix { get; set; } = "lpr";

    /// <summary>MQTT client id; empty means <c>lpr-&lt;agentId&gt;</c>. Must be unique per broker.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    /// <summary>Password given directly (e.g. through the environment: <c>Lpr__Mqtt__Password</c>). Prefer <see cref="PasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>File whose content (trailing newline trimmed) is the password, e.g. a systemd credential.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>MQTT keep-alive period.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one connection attempt (TCP + TLS + CONNACK).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one publish to be acknowledged before the connection is considered broken.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay after a failed connection; doubles per failure up to <see cref="ReconnectMaxDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Period of the retained status message on <c>&lt;prefix&gt;/&lt;agentId&gt;/status</c>.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest base64 crop kept in an event; larger crops are dropped from the event (counted, logged).</summary>
    public int MaxCropBytes { get; set; } = 64 * 1024;

    public MqttTlsOptions Tls { get; set; } = new();

    public HomeAssistantOptions HomeAssistant { get; set; } = new();
}

/// <summary>TLS to the broker (<c>Lpr:Mqtt:Tls</c>); PEM files.</summary>
public sealed class MqttTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>CA certificate(s) that sign the broker's certificate; empty means the system trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate (PEM) for mutual TLS; needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>Name expected in the broker's certificate; empty means <c>Lpr:Mqtt:Host</c>.</summary>
    public string? ServerName { get; set; }
}

/// <summary>Home Assistant MQTT discovery (<c>Lpr:Mqtt:HomeAssistant</c>): one "last plate" sensor per camera.</summary>
public sealed class HomeAssistantOptions
{
    public bool Enabled { get; set; }

    public string DiscoveryPrefix { get; set; } = "homeassistant";
}
