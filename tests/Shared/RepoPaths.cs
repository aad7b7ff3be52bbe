using System.Runtime.CompilerServices;

namespace Lpr.Testing;

/// <summary>
/// Finds files of the repository from tests, wherever the build output lives (bin/ or an
/// --artifacts-path elsewhere): the source location of this file anchors the repository root.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The shared folder beside the repository (real crops, plate specifications); may be absent.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The TFLite 2.2 C library fetched by scripts/fetch-tflite.sh (LPR_TFLITE_LIB overrides).</summary>
    public static string TfLiteNativeLibrary =>
        Environment.GetEnvironmentVariable("LPR_TFLITE_LIB") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Root, ".tools", "tflite", "linux_x86_64", "libtensorflowlite_c.so");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        if (Environment.GetEnvironmentVariable("LPR_REPO_ROOT") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Path.GetDirectoryName(thisFile), AppContext.BaseDirectory })
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Lpr.sln")))
                {
                    return dir;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Lpr.sln); set LPR_REPO_ROOT.");
    }
}
