namespace Lpr.EdgeAgent.Publishing.Outbox;

/// <summary>The outbox database could not be opened or created (path, permissions, corruption).</summary>
public sealed class OutboxOpenException : Exception
{
    public OutboxOpenException()
    {
    }

    public OutboxOpenException(string message)
        : base(message)
    {
    }

    public OutboxOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
