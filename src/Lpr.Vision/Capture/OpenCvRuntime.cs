using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Lpr.Vision.Capture;

/// <summary>
/// Whether OpenCvSharp's native library (<c>libOpenCvSharpExtern.so</c>) loads on this machine. Probed once and
/// cached: a failed load cannot be retried in the same process (the type initializer stays failed), and the
/// answer does not change while the agent runs.
/// </summary>
public static class OpenCvRuntime
{
    private static readonly Lazy<string?> Problem = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when OpenCvSharp works; otherwise why its native library cannot be loaded.</summary>
    public static string? LoadProblem => Problem.Value;

    public static bool IsAvailable => LoadProblem is null;

    private static string? Probe()
    {
        try
        {
            CallNative();
            return null;
        }
        catch (Exception e) when (NativeLoadFailure.Is(e))
        {
            return $"OpenCvSharp's native library cannot be loaded on {RuntimeInformation.RuntimeIdentifier}: {NativeLoadFailure.Describe(e)}";
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            // OpenCvSharp.dll itself is missing (a trimmed or hand-made publish): raised while compiling CallNative,
            // which is why that call lives in a method of its own.
            return $"OpenCvSharp's managed assembly cannot be loaded: {e.Message}";
        }
    }

    // The cheapest call that goes through the native library (and its static initializer).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CallNative() => _ = Cv2.GetVersionString();
}
