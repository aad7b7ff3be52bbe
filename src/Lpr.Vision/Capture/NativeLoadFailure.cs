using System.Text.RegularExpressions;

namespace Lpr.Vision.Capture;

/// <summary>
/// Recognises a native library that cannot be loaded (absent for this CPU, as OpenCvSharp's on linux-arm64, a
/// missing dependency, the wrong architecture). It surfaces as one of a few exception types, usually wrapped:
/// OpenCvSharp loads its library in a static constructor, so the runtime wraps the loader's error in a
/// <see cref="TypeInitializationException"/> (older OpenCvSharp versions put their own exception in between)
/// and throws it again for every later use of the type.
/// </summary>
public static partial class NativeLoadFailure
{
    private const string NoSuchFile = "cannot open shared object file: No such file or directory";

    public static bool Is(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // A failed static initializer never recovers in this process, so it is as permanent as a missing library.
        if (exception is TypeInitializationException)
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The loader's own message (which names the library and what is missing), without the wrappers around it,
    /// shortened for a log line or a status message: .NET lists every path it tried, mostly "no such file";
    /// what stays is the library's name and any other reason (a missing dependency, the wrong architecture).
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            innermost = e;
            if (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                break;
            }
        }

        var message = innermost.Message.ReplaceLineEndings(" ").Trim();
        var tried = Tried().Match(message);
        if (!tried.Success)
        {
            return Cap(message);
        }

        var reasons = Attempt().Matches(tried.Groups["attempts"].Value)
            .Select(m => m.Groups["reason"].Value.Trim())
            .Where(reason => !reason.StartsWith(NoSuchFile, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return Cap(reasons.Count == 0
            ? $"{tried.Groups["what"].Value} (not found)"
            : $"{tried.Groups["what"].Value} ({string.Join("; ", reasons)})");
    }

    private static string Cap(string text) => text.Length <= 400 ? text : string.Concat(text.AsSpan(0, 400), "…");

    // "Unable to load shared library 'X' or one of its dependencies. In order to help … variable: /p/a.so: reason /p/b.so: reason"
    [GeneratedRegex(@"^(?<what>Unable to load shared library '[^']+'(?: or one of its dependencies)?)\..*?variable:\s*(?<attempts>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Tried();

    [GeneratedRegex(@"(?<path>/\S+?): (?<reason>.+?)(?=\s+/\S+?: |$)", RegexOptions.CultureInvariant)]
    private static partial Regex Attempt();
}
