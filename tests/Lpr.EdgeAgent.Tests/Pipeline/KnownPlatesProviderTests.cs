using Lpr.EdgeAgent.Options;
using Lpr.EdgeAgent.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lpr.EdgeAgent.Tests.Pipeline;

public sealed class KnownPlatesProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lpr-known-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Plates_from_configuration_and_file_match_and_the_file_is_reloaded_when_it_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(_directory, "known.json");
        await File.WriteAllTextAsync(file, """[ { "plate": "12가3456", "name": "Kim", "tags": ["residents"] } ]""", ct);
        var options = new KnownPlatesOptions { File = file, MaxDistance = 1 };
        options.Plates.Add(new KnownPlateOptions { Plate = "34나5678", Name = "Van" });
        using var provider = new KnownPlatesProvider(Microsoft.Extensions.Options.Options.Create(options), new AgentPaths(_directory, null), NullLogger<KnownPlatesProvider>.Instance);

        Assert.Equal("Kim", provider.Current.Match("12가3458")!.Plate.Name);
        Assert.Equal("Van", provider.Current.Match("34나5678")!.Plate.Name);
        Assert.Null(provider.Current.Match("56다7890"));

        var reloaded = new TaskCompletionSource();
        provider.Reloaded += (_, _) => reloaded.TrySetResult();
        await File.WriteAllTextAsync(file, """[ { "plate": "56다7890", "name": "Lee", "tags": ["blocked"] } ]""", ct);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);

        Assert.Equal(["blocked"], provider.Current.Match("56다7890")!.Plate.Tags);
        Assert.Null(provider.Current.Match("12가3456"));
        Assert.NotNull(provider.Current.Match("34나5678"));
    }

    [Fact]
    public async Task A_broken_file_after_a_change_keeps_the_previous_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(_directory, "known.json");
        await File.WriteAllTextAsync(file, """[ { "plate": "12가3456", "name": "Kim" } ]""", ct);
        using var provider = new KnownPlatesProvider(
            Microsoft.Extensions.Options.Options.Create(new KnownPlatesOptions { File = file }), new AgentPaths(_directory, null), NullLogger<KnownPlatesProvider>.Instance);

        await File.WriteAllTextAsync(file, """[ { "plate": "12가34""", ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.Equal("Kim", provider.Current.Match("12가3456")!.Plate.Name);
    }
}
