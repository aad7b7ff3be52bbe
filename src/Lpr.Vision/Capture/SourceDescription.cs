using System.Text.RegularExpressions;

namespace Lpr.Vision.Capture;

/// <summary>Masks the password of <c>rtsp://user:password@host/…</c> so a source can be logged and published in status.</summary>
public static partial class SourceDescription
{
    public static string Mask(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Credentials().Replace(source, "${scheme}${user}:***@");
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<user>[^:/@\s]+):[^@/\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();
}
