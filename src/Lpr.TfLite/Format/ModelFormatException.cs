namespace Lpr.TfLite.Format;

/// <summary>
/// A model file (or a model built in code) is not a valid TFLite model: not a flatbuffer, truncated,
/// an offset or index out of range, a buffer whose size does not match its tensor's shape, ...
/// The message says what is wrong and where (tensor index and name, operator index and name).
/// </summary>
public class ModelFormatException : Exception
{
    public ModelFormatException()
        : base("The model is not a valid TFLite model.")
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
