using Lpr.EdgeAgent.Options;

namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>The topic names of the agent, in one place (documented in docs/mqtt.md).</summary>
public static class MqttTopics
{
    /// <summary><c>&lt;prefix&gt;/&lt;agentId&gt;/&lt;cameraId&gt;/plate</c>: plate events, QoS 1, not retained.</summary>
    public static string Plate(string prefix, string agentId, string cameraId) => $"{prefix}/{agentId}/{cameraId}/plate";

    /// <summary><c>&lt;prefix&gt;/&lt;agentId&gt;/status</c>: retained online/offline state and stats.</summary>
    public static string Status(string prefix, string agentId) => $"{prefix}/{agentId}/status";

    /// <summary>Plate topic of an agent's configured prefix.</summary>
    public static string Plate(MqttOptions options, string agentId, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Plate(options.TopicPrefix, agentId, cameraId);
    }

    /// <summary>Status topic of the configured agent.</summary>
    public static string Status(MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Status(options.TopicPrefix, options.AgentId);
    }
}
