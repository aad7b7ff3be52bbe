using System.Reflection;
using System.Runtime.InteropServices;

namespace Lpr.TfLite.Native;

/// <summary>
/// Locates and loads the native libraries of the native backends (the TFLite C library and
/// libedgetpu) for this assembly's P/Invokes, through one <see cref="NativeLibrary.SetDllImportResolver"/>.
/// Paths can be configured before first use (engine options), else come from the environment
/// (<c>LPR_TFLITE_LIB</c>, <c>LPR_EDGETPU_LIB</c>), else the usual system search. A library, once
/// loaded, stays loaded for the process.
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

    static NativeLibraries()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>How to get the TFLite C library, for error messages.</summary>
    public static string TfLiteInstallHint =>
        "Install the TensorFlow Lite C library (libtensorflowlite_c.so, TFLite 2.2 or later; `bash scripts/fetch-tflite.sh` puts one in .tools/tflite/) " +
        $"and point {TfLiteEnvironmentVariable} or the NativeLibraryPath option at it, or use the managed backend.";

    /// <summary>How to get libedgetpu, for error messages.</summary>
    public static string EdgeTpuInstallHint =>
        "Install the Edge TPU runtime (Debian package libedgetpu1-std from Coral's package repository, which provides libedgetpu.so.1), " +
        $"or point {EdgeTpuEnvironmentVariable} or the EdgeTpuLibraryPath option at it.";

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

    /// <summary>Loads the TFLite C library or throws <see cref="BackendUnavailableException"/> saying how to install it.</summary>
    public static void EnsureTfLite()
    {
        if (!TryLoadTfLite(out var error))
        {
            throw new BackendUnavailableException($"The TFLite C library cannot be loaded: {error} {TfLiteInstallHint}");
        }
    }

    /// <summary>Loads libedgetpu or throws <see cref="BackendUnavailableException"/> saying how to install it.</summary>
    public static void EnsureEdgeTpu()
    {
        if (!TryLoadEdgeTpu(out var error))
        {
            throw new BackendUnavailableException($"The Edge TPU runtime cannot be loaded: {error} {EdgeTpuInstallHint}");
        }
    }

    public static bool TryLoadTfLite(out string error)
    {
        lock (Gate)
        {
            return TryLoad(
                ref s_tfLite,
                s_tfLitePath,
                TfLiteEnvironmentVariable,
                ["libtensorflowlite_c.so", "libtensorflowlite_c.so.2", "tensorflowlite_c"],
                Path.Combine(".tools", "tflite", ToolsFolder(), "libtensorflowlite_c.so"),
                out error);
        }
    }

    public static bool TryLoadEdgeTpu(out string error)
    {
        lock (Gate)
        {
            return TryLoad(ref s_edgeTpu, s_edgeTpuPath, EdgeTpuEnvironmentVariable, ["libedgetpu.so.1", "libedgetpu.so.1.0", "libedgetpu.so"], null, out error);
        }
    }

    private static bool TryLoad(ref IntPtr handle, string? configured, string variable, string[] systemNames, string? repoRelative, out string error)
    {
        error = string.Empty;
        if (handle != IntPtr.Zero)
        {
            return true;
        }

        var explicitPath = !string.IsNullOrEmpty(configured)
            ? configured
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (explicitPath is not null)
        {
            return TryLoadExplicit(explicitPath, out handle, out error);
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
                return true;
            }
        }

        foreach (var name in systemNames)
        {
            if (NativeLibrary.TryLoad(name, typeof(NativeLibraries).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle))
            {
                return true;
            }
        }

        error = $"not found (tried {variable}, {string.Join(", ", systemNames)}).";
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
