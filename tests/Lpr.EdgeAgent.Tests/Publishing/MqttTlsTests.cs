using Lpr.EdgeAgent.Tests.Fixtures;

namespace Lpr.EdgeAgent.Tests.Publishing;

/// <summary>TLS to a real mosquitto that requires a client certificate signed by our CA.</summary>
public sealed class MqttTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lpr-tls-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<MosquittoFixture> StartTlsBrokerAsync(TestCertificates pki) =>
        await MosquittoFixture.StartAsync(cancellationToken: Cancel,
            tls: new MosquittoTls(pki.CaFile, pki.ServerCertificateFile, pki.ServerKeyFile, RequireClientCertificate: true));

    [Fact]
    public async Task Events_are_delivered_over_mutual_TLS_with_a_CA_file_and_a_client_certificate()
    {
        var pki = TestCertificates.Create(_directory.FullName);
        await using var broker = await StartTlsBrokerAsync(pki);
        await using var agent = await PublishingTestHost.StartAsync(
            PublishingTestHost.Settings("localhost", broker.Port, Path.Combine(_directory.FullName, "outbox.db"),
                ("Lpr:Mqtt:Tls:Enabled", "true"),
                ("Lpr:Mqtt:Tls:CaFile", pki.CaFile),
                ("Lpr:Mqtt:Tls:ClientCertificateFile", pki.ClientCertificateFile),
                ("Lpr:Mqtt:Tls:ClientKeyFile", pki.ClientKeyFile)), Cancel);

        var sent = await agent.PublishAsync(25, "entrance", Cancel);

        await TestSubscriber.WaitUntilAsync(() => agent.Statistics.EventsPublished == sent.Count && agent.Outbox.Count == 0, Patience,
            () => $"{agent.Statistics.EventsPublished}/{sent.Count} acknowledged over TLS; last error: {agent.Statistics.LastError}; broker log:\n{broker.Log}", Cancel);
    }

    [Theory]
    [InlineData(false, true)] // no client certificate: the broker refuses the handshake
    [InlineData(true, false)] // a CA that did not sign the broker: the agent refuses the broker
    public async Task A_TLS_mismatch_keeps_events_in_the_outbox_and_reports_the_error(bool withClientCertificate, bool withRightCa)
    {
        var pki = TestCertificates.Create(_directory.FullName);
        var otherPki = TestCertificates.Create(Directory.CreateDirectory(Path.Combine(_directory.FullName, "other")).FullName, "Some Other CA");
        await using var broker = await StartTlsBrokerAsync(pki);
        var settings = PublishingTestHost.Settings("localhost", broker.Port, Path.Combine(_directory.FullName, "outbox.db"),
            ("Lpr:Mqtt:Tls:Enabled", "true"),
            ("Lpr:Mqtt:Tls:CaFile", withRightCa ? pki.CaFile : otherPki.CaFile));
        if (withClientCertificate)
        {
            settings["Lpr:Mqtt:Tls:ClientCertificateFile"] = pki.ClientCertificateFile;
            settings["Lpr:Mqtt:Tls:ClientKeyFile"] = pki.ClientKeyFile;
        }

        await using var agent = await PublishingTestHost.StartAsync(settings, Cancel);
        await agent.PublishAsync(5, "entrance", Cancel);

        await TestSubscriber.WaitUntilAsync(() => agent.Statistics.ConnectFailures >= 2, Patience,
            () => $"{agent.Statistics.ConnectFailures} failed connections", Cancel);
        Assert.Equal(0, agent.Statistics.EventsPublished);
        Assert.Equal(5, agent.Outbox.Count);
        Assert.False(string.IsNullOrEmpty(agent.Statistics.LastError));
    }
}
