using MQTTnet;

namespace Lpr.EdgeAgent.Publishing.Mqtt;

/// <summary>The broker answered CONNECT with a failure code (bad credentials, not authorized, banned, …).</summary>
public sealed class MqttConnectionRefusedException : Exception
{
    public MqttConnectionRefusedException()
    {
    }

    public MqttConnectionRefusedException(string message)
        : base(message)
    {
    }

    public MqttConnectionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttConnectionRefusedException(MqttClientConnectResultCode resultCode, string? reason)
        : base(Describe(resultCode, reason))
    {
        ResultCode = resultCode;
    }

    public MqttClientConnectResultCode ResultCode { get; }

    private static string Describe(MqttClientConnectResultCode code, string? reason)
    {
        var detail = string.IsNullOrEmpty(reason) ? string.Empty : $": {reason}";
        return code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            ? $"broker refused the credentials ({code}{detail}); check Lpr:Mqtt:Username and Lpr:Mqtt:Password / Lpr:Mqtt:PasswordFile"
            : $"broker refused the connection ({code}{detail})";
    }
}
