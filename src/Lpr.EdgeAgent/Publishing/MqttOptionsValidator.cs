using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>Start-up checks of <see cref="MqttOptions"/>; every failure names its configuration key and the reason.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "::1", "[::1]"];

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = MqttOptions.SectionName;

        if (TopicLevels.Problem(options.AgentId) is { } agentProblem)
        {
            failures.Add($"Lpr:AgentId {agentProblem} (was '{options.AgentId}').");
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{S}:Host must name the broker host (it is empty).");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (options.Embedded && !LoopbackHosts.Contains(options.Host, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{S}:Host must be a loopback name (localhost, 127.0.0.1, ::1) when {S}:Embedded is true, because the embedded broker listens on loopback only (was '{options.Host}').");
        }

        if (options.Embedded && options.Tls.Enabled)
        {
            failures.Add($"{S}:Tls:Enabled cannot be true with {S}:Embedded: the embedded broker is plain TCP on loopback.");
        }

        foreach (var level in (options.TopicPrefix ?? string.Empty).Split('/'))
        {
            if (TopicLevels.Problem(level) is { } prefixProblem)
            {
                failures.Add($"{S}:TopicPrefix: every level {prefixProblem} (was '{options.TopicPrefix}').");
                break;
            }
        }

        if (options.ClientId is { Length: > 0 } clientId && clientId.Any(char.IsControl))
        {
            failures.Add($"{S}:ClientId must not contain control characters.");
        }

        if (!string.IsNullOrEmpty(options.Password) && !string.IsNullOrEmpty(options.PasswordFile))
        {
            failures.Add($"{S}:Password and {S}:PasswordFile are both set; set only one.");
        }

        if (!string.IsNullOrEmpty(options.PasswordFile) && !File.Exists(options.PasswordFile))
        {
            failures.Add($"{S}:PasswordFile names a file that does not exist ('{options.PasswordFile}').");
        }

        if ((!string.IsNullOrEmpty(options.Password) || !string.IsNullOrEmpty(options.PasswordFile)) && string.IsNullOrEmpty(options.Username))
        {
            failures.Add($"{S}:Username is required when a password is configured.");
        }

        RequirePositive(failures, $"{S}:KeepAlive", options.KeepAlive, TimeSpan.FromHours(18));
        RequirePositive(failures, $"{S}:ConnectTimeout", options.ConnectTimeout, TimeSpan.FromMinutes(10));
        RequirePositive(failures, $"{S}:PublishTimeout", options.PublishTimeout, TimeSpan.FromMinutes(10));
        RequirePositive(failures, $"{S}:ReconnectInitialDelay", options.ReconnectInitialDelay, TimeSpan.FromHours(1));
        RequirePositive(failures, $"{S}:ReconnectMaxDelay", options.ReconnectMaxDelay, TimeSpan.FromHours(1));
        RequirePositive(failures, $"{S}:StatusInterval", options.StatusInterval, TimeSpan.FromDays(1));
        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"{S}:ReconnectMaxDelay ({options.ReconnectMaxDelay}) must not be shorter than {S}:ReconnectInitialDelay ({options.ReconnectInitialDelay}).");
        }

        if (options.MaxCropBytes < 0)
        {
            failures.Add($"{S}:MaxCropBytes must be 0 (no crops) or positive (was {options.MaxCropBytes}).");
        }

        ValidateTls(failures, options.Tls);

        if (options.HomeAssistant.Enabled && TopicLevels.Problem(options.HomeAssistant.DiscoveryPrefix) is { } haProblem)
        {
            failures.Add($"{S}:HomeAssistant:DiscoveryPrefix {haProblem} (was '{options.HomeAssistant.DiscoveryPrefix}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTls(List<string> failures, MqttTlsOptions tls)
    {
        const string T = MqttOptions.SectionName + ":Tls";
        if (!tls.Enabled)
        {
            if (!string.IsNullOrEmpty(tls.CaFile) || !string.IsNullOrEmpty(tls.ClientCertificateFile))
            {
                failures.Add($"{T}:Enabled is false but TLS files are configured; set {T}:Enabled to true or remove them.");
            }

            return;
        }

        RequireFileIfSet(failures, $"{T}:CaFile", tls.CaFile);
        RequireFileIfSet(failures, $"{T}:ClientCertificateFile", tls.ClientCertificateFile);
        RequireFileIfSet(failures, $"{T}:ClientKeyFile", tls.ClientKeyFile);
        if (string.IsNullOrEmpty(tls.ClientCertificateFile) != string.IsNullOrEmpty(tls.ClientKeyFile))
        {
            failures.Add($"{T}:ClientCertificateFile and {T}:ClientKeyFile go together; set both or neither.");
        }
    }

    private static void RequireFileIfSet(List<string> failures, string key, string? path)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            failures.Add($"{key} names a file that does not exist ('{path}').");
        }
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add($"{key} must be greater than zero and at most {max} (was {value}).");
        }
    }
}
