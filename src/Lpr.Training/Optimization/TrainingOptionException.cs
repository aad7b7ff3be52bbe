namespace Lpr.Training.Optimization;

/// <summary>
/// A training or detector-training option that is out of range, names no file or no architecture: input the user
/// fixes in the run config, which <c>lpr-train</c> reports in one line. An <see cref="ArgumentException"/> whose
/// parameter name is the option.
/// </summary>
public sealed class TrainingOptionException : ArgumentException
{
    public TrainingOptionException()
    {
    }

    public TrainingOptionException(string message)
        : base(message)
    {
    }

    public TrainingOptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingOptionException(string message, string option)
        : base(message, option)
    {
    }
}
