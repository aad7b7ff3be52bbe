namespace Lpr.TfLite.Format;

/// <summary>
/// The model is well formed but uses an operator (or an operator variant: version, tensor type,
/// option) that the runtime executing it does not implement. Raised by the reader for features it
/// refuses (sparse tensors) and by interpreters' op resolvers.
/// </summary>
public class UnsupportedOperatorException : Exception
{
    public UnsupportedOperatorException()
        : base("The model uses an unsupported operator.")
    {
    }

    public UnsupportedOperatorException(string message)
        : base(message)
    {
        OperatorName = string.Empty;
    }

    public UnsupportedOperatorException(string message, Exception innerException)
        : base(message, innerException)
    {
        OperatorName = string.Empty;
    }

    /// <summary>Creates the exception for operator <paramref name="operatorIndex"/> named <paramref name="operatorName"/>.</summary>
    public UnsupportedOperatorException(string operatorName, int operatorIndex, string reason)
        : base($"Unsupported operator {operatorName} (operator {operatorIndex}): {reason}")
    {
        OperatorName = operatorName;
        OperatorIndex = operatorIndex;
    }

    /// <summary>Schema or custom name of the operator ("CONV_2D", "edgetpu-custom-op").</summary>
    public string OperatorName { get; } = string.Empty;

    /// <summary>Index of the operator in its subgraph, or -1 when not tied to one.</summary>
    public int OperatorIndex { get; } = -1;
}
