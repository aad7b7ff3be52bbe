namespace Lpr.Training.Cli.Commands;

/// <summary>
/// One status line per training step (loss, learning rate, hold-out score, ETA), rewritten in place on
/// a terminal and printed every few hundred steps otherwise (logs of background runs stay short); a
/// step that validated and the last step are always printed.
/// </summary>
/// <param name="position">The report's step, total steps, and whether it carries a validation.</param>
/// <param name="format">The line of a report; called for every report, so it may remember the last validation.</param>
internal sealed class ProgressLine<T>(Func<T, (long Step, long Total, bool Validated)> position, Func<T, string> format) : IProgress<T>
{
    private readonly bool interactive = !Console.IsOutputRedirected;

    public void Report(T value)
    {
        var (step, total, validated) = position(value);
        var line = format(value);
        var every = interactive ? 5 : 200;
        if (step % every != 0 && !validated && step != total)
        {
            return;
        }

        if (interactive)
        {
            Console.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 160) : 0));
        }
        else
        {
            Console.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (interactive)
        {
            Console.WriteLine();
        }
    }
}
