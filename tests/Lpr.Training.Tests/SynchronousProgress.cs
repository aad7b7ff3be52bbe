namespace Lpr.Training.Tests;

/// <summary>Progress&lt;T&gt; posts to the thread pool; the training tests need the callback inline.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
