using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lpr.EdgeAgent.Tests.Publishing;

public sealed class PublishingOptionsValidationTests
{
    [Theory]
    [InlineData("Lpr:Mqtt:Port", "0", "Lpr:Mqtt:Port must be between 1 and 65535")]
    [InlineData("Lpr:Mqtt:Port", "70000", "Lpr:Mqtt:Port must be between 1 and 65535")]
    [InlineData("Lpr:Mqtt:Host", "", "Lpr:Mqtt:Host")]
    [InlineData("Lpr:Mqtt:TopicPrefix", "lpr/#", "Lpr:Mqtt:TopicPrefix")]
    [InlineData("Lpr:Mqtt:TopicPrefix", "lpr//x", "Lpr:Mqtt:TopicPrefix")]
    [InlineData("Lpr:AgentId", "gate+1", "Lpr:AgentId")]
    [InlineData("Lpr:Mqtt:KeepAlive", "00:00:00", "Lpr:Mqtt:KeepAlive")]
    [InlineData("Lpr:Mqtt:ReconnectMaxDelay", "00:00:00.050", "Lpr:Mqtt:ReconnectMaxDelay")]
    [InlineData("Lpr:Mqtt:PasswordFile", "/nonexistent/lpr-password", "Lpr:Mqtt:PasswordFile")]
    [InlineData("Lpr:Mqtt:Tls:CaFile", "/nonexistent/ca.pem", "Lpr:Mqtt:Tls:Enabled")]
    [InlineData("Lpr:Mqtt:MaxCropBytes", "-1", "Lpr:Mqtt:MaxCropBytes")]
    [InlineData("Lpr:Outbox:MaxEvents", "0", "Lpr:Outbox:MaxEvents")]
    [InlineData("Lpr:Outbox:MaxBytes", "10", "Lpr:Outbox:MaxBytes")]
    [InlineData("Lpr:Outbox:MaxAge", "-00:01:00", "Lpr:Outbox:MaxAge")]
    [InlineData("Lpr:Outbox:Path", " ", "Lpr:Outbox:Path")]
    [InlineData("Lpr:Outbox:Path", "/tmp", "Lpr:Outbox:Path names a directory")]
    [InlineData("Lpr:Outbox:BatchSize", "0", "Lpr:Outbox:BatchSize")]
    public async Task A_wrong_value_stops_start_up_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var settings = PublishingTestHost.Settings("127.0.0.1", 1883, Path.Combine(Path.GetTempPath(), "lpr-never-created.db"), (key, value));
        using var host = PublishingTestHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combinations_that_cannot_work_are_refused_with_both_keys_named()
    {
        var settings = PublishingTestHost.Settings("broker.example", 1883, Path.Combine(Path.GetTempPath(), "lpr-never-created.db"),
            ("Lpr:Mqtt:Embedded", "true"),
            ("Lpr:Mqtt:Password", "secret-value"),
            ("Lpr:Mqtt:PasswordFile", "/etc/hostname"));
        using var host = PublishingTestHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Lpr:Mqtt:Host must be a loopback name", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lpr:Mqtt:Password and Lpr:Mqtt:PasswordFile are both set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lpr:Mqtt:Username is required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_enum_value_names_the_key()
    {
        var settings = PublishingTestHost.Settings("127.0.0.1", 1883, Path.Combine(Path.GetTempPath(), "lpr-never-created.db"), ("Lpr:Outbox:Durability", "Sometimes"));
        using var host = PublishingTestHost.Build(settings);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Durability", error.Message, StringComparison.Ordinal);
    }
}
