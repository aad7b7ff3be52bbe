namespace Lpr.Synth.Options;

/// <summary>A synthesis configuration is invalid; <see cref="Problems"/> names each offending key.</summary>
public sealed class SynthConfigException : Exception
{
    public SynthConfigException()
        : this(["invalid synthesis configuration"])
    {
    }

    public SynthConfigException(string message)
        : this([message])
    {
    }

    public SynthConfigException(string message, Exception innerException)
        : base("Invalid synthesis configuration: " + message, innerException)
    {
        Problems = [message];
    }

    public SynthConfigException(IReadOnlyList<string> problems)
        : base("Invalid synthesis configuration: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
