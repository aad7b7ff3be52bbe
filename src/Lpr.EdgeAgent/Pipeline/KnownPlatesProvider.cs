using System.Text.Json;
using Lpr.Core.Tracking;
using Lpr.EdgeAgent.Options;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>
/// The current known-plates matcher: the plates of <c>Lpr:KnownPlates:Plates</c> plus those of
/// <c>Lpr:KnownPlates:File</c>, reloaded when the file changes. A file that cannot be read or parsed after a
/// change is logged and the previous list stays in force (a half-saved edit must not forget the residents).
/// </summary>
public sealed partial class KnownPlatesProvider : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly KnownPlatesOptions _options;
    private readonly string? _file;
    private readonly PhysicalFileProvider? _watcher;
    private readonly IDisposable? _subscription;
    private readonly ILogger<KnownPlatesProvider> _logger;
    private volatile KnownPlateMatcher _current;

    public KnownPlatesProvider(IOptions<KnownPlatesOptions> options, AgentPaths paths, ILogger<KnownPlatesProvider> logger)
    {
        _options = options.Value;
        _logger = logger;
        _current = new KnownPlateMatcher(FromConfiguration(), _options.MaxDistance);
        if (string.IsNullOrWhiteSpace(_options.File))
        {
            return;
        }

        _file = paths.Input(_options.File);
        Reload();
        _watcher = new PhysicalFileProvider(Path.GetDirectoryName(_file)!) { UsePollingFileWatcher = true, UseActivePolling = true };
        _subscription = ChangeToken.OnChange(() => _watcher.Watch(Path.GetFileName(_file)), Reload);
    }

    public KnownPlateMatcher Current => _current;

    /// <summary>Raised after the list was reloaded from the file (tests wait on it).</summary>
    public event EventHandler? Reloaded;

    public void Dispose()
    {
        _subscription?.Dispose();
        _watcher?.Dispose();
    }

    private List<KnownPlate> FromConfiguration() =>
        [.. _options.Plates.Select(p => new KnownPlate(p.Plate, p.Name, [.. p.Tags]))];

    private void Reload()
    {
        try
        {
            var entries = JsonSerializer.Deserialize<List<KnownPlateFileEntry>>(File.ReadAllText(_file!), Json) ?? [];
            var plates = FromConfiguration();
            foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
            {
                if (string.IsNullOrWhiteSpace(entry.Plate))
                {
                    throw new JsonException($"entry {index} has no \"plate\"");
                }

                plates.Add(new KnownPlate(entry.Plate, entry.Name ?? string.Empty, entry.Tags ?? []));
            }

            _current = new KnownPlateMatcher(plates, _options.MaxDistance);
            LogLoaded(plates.Count, _file!);
            Reloaded?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            LogReloadFailed(_file!, e.Message);
        }
    }

    private sealed record KnownPlateFileEntry(string? Plate, string? Name, List<string>? Tags);

    [LoggerMessage(Level = LogLevel.Information, Message = "Known plates: {Count} loaded (file {File})")]
    private partial void LogLoaded(int count, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Known plates file {File} cannot be used, keeping the previous list: {Reason}")]
    private partial void LogReloadFailed(string file, string reason);
}
