namespace Lpr.Core.Recognition;

/// <summary>A model descriptor (MODEL.json) is missing, unreadable, or does not fit its model; the message names the file and field.</summary>
public sealed class ModelDescriptorException : Exception
{
    public ModelDescriptorException()
    {
    }

    public ModelDescriptorException(string message)
        : base(message)
    {
    }

    public ModelDescriptorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
