namespace Lpr.TfLite;

/// <summary>
/// A backend that was asked for cannot run here: its native library is missing or fails to load, no
/// Edge TPU device is attached, or the model is not compiled for it. The message says what is missing
/// and how to install it.
/// </summary>
public class BackendUnavailableException : Exception
{
    public BackendUnavailableException()
        : base("The inference backend is not available.")
    {
    }

    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
