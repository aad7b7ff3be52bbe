using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Options;

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = HealthOptions.SectionName;
        if (options.StallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:StallTimeout must be positive (was {options.StallTimeout}).");
        }

        if (options.CheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:CheckInterval must be positive (was {options.CheckInterval}).");
        }

        if (options.MetricsPort != 0 && options.MetricsPort is < 1024 or > 65535)
        {
            failures.Add($"{S}:MetricsPort must be 0 (off) or between 1024 and 65535 (was {options.MetricsPort}).");
        }

        if (!IsIPv4(options.MetricsAddress))
        {
            // HttpListener's managed implementation cannot take an IPv6 literal in its prefix, and a host name
            // would be resolved to one address at start; an IPv4 address says exactly where the port opens.
            failures.Add($"{S}:MetricsAddress must be an IPv4 address of this host, {HealthOptions.DefaultMetricsAddress} (loopback) or 0.0.0.0 (every interface) (was '{options.MetricsAddress}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A dotted-quad IPv4 address (IPAddress.TryParse alone also takes "1" or "127.1").</summary>
    internal static bool IsIPv4(string? text) =>
        text is not null
        && text.Count(c => c == '.') == 3
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetwork;
}
