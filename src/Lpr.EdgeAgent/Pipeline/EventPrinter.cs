using Lpr.EdgeAgent.Publishing;

namespace Lpr.EdgeAgent.Pipeline;

/// <summary>Prints every acknowledged event as one JSON line on standard output (<c>Lpr:Pipeline:PrintEvents</c>, on in the embedded default).</summary>
internal sealed class EventPrinter(TextWriter output) : IPublishedEventObserver
{
    private readonly Lock _gate = new();

    public void OnPublished(string topic, string json)
    {
        lock (_gate)
        {
            output.WriteLine(json);
            output.Flush();
        }
    }
}
