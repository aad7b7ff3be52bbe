namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// Told about every plate event after the broker acknowledged it (PUBACK). Register any number in DI,
/// e.g. the embedded default's console printer. Called on the publisher's loop: return quickly, do not throw.
/// </summary>
public interface IPublishedEventObserver
{
    void OnPublished(string topic, string json);
}
