using System.Reflection;
using System.Runtime.InteropServices;

namespace Lpr.TfLite.Native;

/// <summary>
/// Locates and loads the native libraries of the native backends (the TFLite C library and
/// libedgetpu) for this assembly's P/Invokes, through one <see cref="NativeLibrary.SetDllImportResolver"/>.
/// A path comes from the caller (engine options: <c>--tflite-lib</c>, <c>Lpr:Recognizer:TfLiteLibrary</c>),
/// else from <see cref="ConfigureTfLite"/>, else from the environment (<c>LPR_TFLITE_LIB</c>,
/// <c>LPR_EDGETPU_LIB</c>), else the usual search (for TFLite first <c>.tools/tflite</c> beside the app or in
/// a checkout above it). A library, once loaded, stays loaded for the process, and a process can use only
/// one: a caller's path given afterwards that names another file (or none) fails instead of silently using
/// the loaded copy; configured and environment paths only choose the first load.
/// </summary>
public static class NativeLibraries
{
    /// <summary>Library name used in the TFLite P/Invoke declarations.</summary>
    internal const string TfLiteName = "tensorflowlite_c";

    /// <summary>Library name used in the libedgetpu P/Invoke declarations.</summary>
    internal const string EdgeTpuName = "edgetpu";

    public const string TfLiteEnvironmentVariable = "LPR_TFLITE_LIB";

    public const string EdgeTpuEnvironmentVariable = "LPR_EDGETPU_LIB";

    private static readonly Lock Gate = new();
    private static IntPtr s_tfLite;
    private static IntPtr s_edgeTpu;
    private static string? s_tfLitePath;
    private static string? s_edgeTpuPath;
    private static string? s_tfLiteLoadedFrom;
    private static string? s_edgeTpuLoadedFrom;

    static NativeLibraries()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>How to get the TFLite C library, for error messages.</summary>
    public static string TfLiteInstallHint =>
        "Install the TensorFlow Lite C library (libtensorflowlite_c.so, TFLite 2.2 or later; `bash scripts/fetch-tflite.sh` puts one in .tools/tflite/) " +
        $"and point {TfLiteEnvironmentVariable}, --tflite-lib, Lpr:Recognizer:TfLiteLibrary or the NativeLibraryPath option at it, or use the managed backend.";

    /// <summary>How to get libedgetpu, for error messages.</summary>
    public static string EdgeTpuInstallHint =>
        "Install the Edge TPU runtime (Debian package libedgetpu1-std from Coral's package repository, which provides libedgetpu.so.1), " +
        $"or point {EdgeTpuEnvironmentVariable}, --edgetpu-lib, Lpr:Recognizer:EdgeTpuLibrary or the EdgeTpuLibraryPath option at it.";

    /// <summary>Sets the TFLite C library path to use (before the library is first loaded).</summary>
    public static void ConfigureTfLite(string? path)
    {
        lock (Gate)
        {
            if (!string.IsNullOrEmpty(path))
            {
                s_tfLitePath = path;
            }
        }
    }

    /// <summary>Sets the libedgetpu path to use (before the library is first loaded).</summary>
    public static void ConfigureEdgeTpu(string? path)
    {
        lock (Gate)
        {
            if (!string.IsNullOrEmpty(path))
            {
                s_edgeTpuPath = path;
            }
        }
    }

    /// <summary>Loads the TFLite C library (from <paramref name="path"/> when given) or throws <see cref="BackendUnavailableException"/> saying how to install it.</summary>
    public static void EnsureTfLite(string? path = null)
    {
        if (!TryLoadTfLite(path, out var error))
        {
            throw new BackendUnavailableException($"The TFLite C library cannot be loaded: {error} {TfLiteInstallHint}");
        }
    }

    /// <summary>Loads libedgetpu (from <paramref name="path"/> when given) or throws <see cref="BackendUnavailableException"/> saying how to install it.</summary>
    public static void EnsureEdgeTpu(string? path = null)
    {
        if (!TryLoadEdgeTpu(path, out var error))
        {
            throw new BackendUnavailableException($"The Edge TPU runtime cannot be loaded: {error} {EdgeTpuInstallHint}");
        }
    }

    public static bool TryLoadTfLite(out string error) => TryLoadTfLite(null, out error);

    /// <summary>Loads the TFLite C library from <paramref name="path"/> (null: the configured path, the environment, the search).</summary>
    public static bool TryLoadTfLite(string? path, out string error)
    {
        lock (Gate)
        {
            return TryLoad(
                ref s_tfLite,
                ref s_tfLiteLoadedFrom,
                path,
                s_tfLitePath,
                TfLiteEnvironmentVariable,
                ["libtensorflowlite_c.so", "libtensorflowlite_c.so.2", "tensorflowlite_c"],
                Path.Combine(".tools", "tflite", ToolsFolder(), "libtensorflowlite_c.so"),
                out error);
        }
    }

    public static bool TryLoadEdgeTpu(out string error) => TryLoadEdgeTpu(null, out error);

    /// <summary>Loads libedgetpu from <paramref name="path"/> (null: the configured path, the environment, the search).</summary>
    public static bool TryLoadEdgeTpu(string? path, out string error)
    {
        lock (Gate)
        {
            return TryLoad(
                ref s_edgeTpu,
                ref s_edgeTpuLoadedFrom,
                path,
                s_edgeTpuPath,
                EdgeTpuEnvironmentVariable,
                ["libedgetpu.so.1", "libedgetpu.so.1.0", "libedgetpu.so"],
                null,
                out error);
        }
    }

    /// <param name="requested">The caller's path (engine options): checked even when a library is already loaded.</param>
    /// <param name="configured">The path set by Configure*: like the environment variable, used for the first load only.</param>
    private static bool TryLoad(
        ref IntPtr handle, ref string? loadedFrom, string? requested, string? configured, string variable, string[] systemNames, string? repoRelative, out string error)
    {
        error = string.Empty;
        if (handle != IntPtr.Zero)
        {
            if (string.IsNullOrEmpty(requested) || SamePath(requested, loadedFrom))
            {
                return true;
            }

            // The loaded copy serves every P/Invoke of the process; another one cannot be swapped in.
            error = File.Exists(requested)
                ? $"'{requested}' cannot be used: this process already loaded the library from '{loadedFrom}', and it can load only one."
                : $"'{requested}' does not exist.";
            return false;
        }

        var explicitPath = !string.IsNullOrEmpty(requested) ? requested
            : !string.IsNullOrEmpty(configured) ? configured
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

        if (explicitPath is not null)
        {
            if (TryLoadExplicit(explicitPath, out handle, out error))
            {
                loadedFrom = explicitPath;
                return true;
            }

            return false;
        }

        var candidates = new List<string>();
        if (repoRelative is not null)
        {
            // Beside the app, then in a checkout above it (development and tests).
            for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                candidates.Add(Path.Combine(dir, repoRelative));
            }
        }

        foreach (var candidate in candidates.Where(File.Exists))
        {
            if (NativeLibrary.TryLoad(candidate, out handle))
            {
                loadedFrom = candidate;
                return true;
            }
        }

        foreach (var name in systemNames)
        {
            if (NativeLibrary.TryLoad(name, typeof(NativeLibraries).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle))
            {
                loadedFrom = name;
                return true;
            }
        }

        var searched = repoRelative is null ? string.Empty : $", {repoRelative} beside the app and in the folders above it";
        error = $"not found (tried {variable}{searched}, {string.Join(", ", systemNames)}).";
        return false;
    }

    /// <summary>Loads exactly <paramref name="path"/> (no search), explaining a failure in <paramref name="error"/>.</summary>
    internal static bool TryLoadExplicit(string path, out IntPtr handle, out string error)
    {
        handle = IntPtr.Zero;
        error = string.Empty;
        if (!File.Exists(path))
        {
            error = $"'{path}' does not exist.";
            return false;
        }

        try
        {
            handle = NativeLibrary.Load(path);
            return true;
        }
        catch (DllNotFoundException e)
        {
            error = $"'{path}' exists but does not load ({e.Message.Trim()}).";
            return false;
        }
        catch (BadImageFormatException e)
        {
            error = $"'{path}' is not a library for this machine ({e.Message.Trim()}).";
            return false;
        }
    }

    private static bool SamePath(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }

        try
        {
            return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string ToolsFolder() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "linux_arm64",
        Architecture.Arm => "linux_armv7l",
        _ => "linux_x86_64",
    };

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName == TfLiteName)
        {
            EnsureTfLite();
            return s_tfLite;
        }

        if (libraryName == EdgeTpuName)
        {
            EnsureEdgeTpu();
            return s_edgeTpu;
        }

        return IntPtr.Zero; // default probing for anything else (libc)
    }

    /// <summary>Makes sure the resolver is registered before the first P/Invoke of this assembly.</summary>
    internal static void Initialize()
    {
        // Touching the class runs the static constructor, which registers the resolver exactly once.
    }
}
