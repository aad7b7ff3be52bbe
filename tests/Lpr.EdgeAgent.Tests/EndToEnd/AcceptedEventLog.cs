using Lpr.EdgeAgent.Publishing;
using Lpr.EdgeAgent.Publishing.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Lpr.EdgeAgent.Tests.EndToEnd;

/// <summary>
/// The test's record of what a (child) agent promised to deliver: wraps the agent's real outbox sink and, once it
/// returned (the event is committed to the outbox), appends <c>eventId TAB plate</c> to a file, flushed to the OS at
/// once so the line survives a SIGKILL of the process. Read back with <see cref="Read"/>: complete lines only, the
/// last one may have been cut by the kill.
/// </summary>
internal sealed class AcceptedEventLog : IPlateEventSink, IDisposable
{
    private readonly IPlateEventSink _inner;
    private readonly StreamWriter _file;
    private readonly Lock _gate = new();

    private AcceptedEventLog(IPlateEventSink inner, string path)
    {
        _inner = inner;
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
    }

    /// <summary>Puts the log in front of the agent's outbox sink (registered last, so the vote stage gets it).</summary>
    public static void Register(IServiceCollection services, string path) =>
        services.AddSingleton<IPlateEventSink>(sp => new AcceptedEventLog(ActivatorUtilities.CreateInstance<OutboxPlateEventSink>(sp), path));

    /// <summary>Event id → plate of every complete line.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return accepted;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');
        foreach (var line in lines[..^1])
        {
            if (line.Split('\t') is [{ Length: 26 } eventId, { Length: > 0 } plate])
            {
                accepted[eventId] = plate;
            }
        }

        return accepted;
    }

    public async ValueTask PublishAsync(PlateEvent plateEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plateEvent);
        await _inner.PublishAsync(plateEvent, cancellationToken);
        lock (_gate)
        {
            _file.Write($"{plateEvent.EventId}\t{plateEvent.Plate}\n");
            _file.Flush(); // to the OS: the process may be killed right after
        }
    }

    public void Dispose() => _file.Dispose();
}
