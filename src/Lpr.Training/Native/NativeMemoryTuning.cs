using System.Runtime.InteropServices;

namespace Lpr.Training;

/// <summary>
/// Keeps glibc malloc from returning libtorch's large per-step buffers to the kernel and mapping
/// them again on the next step: measured, training is page-fault bound without it (120-300 ms per
/// batch instead of 70-140 ms on 2 cores). Same effect as starting the process with
/// GLIBC_TUNABLES=glibc.malloc.mmap_threshold=…:glibc.malloc.trim_threshold=… (scripts/train.sh
/// sets those too); doing it here also covers tests and direct runs.
/// </summary>
internal static partial class NativeMemoryTuning
{
    private const int TrimThreshold = -1;     // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;     // M_MMAP_THRESHOLD
    private const int MaxMmapThreshold = 32 * 1024 * 1024; // glibc's ceiling on 64-bit (HEAP_MAX_SIZE / 2)
    private const int KeepFreedBytes = 1024 * 1024 * 1024;
    private static int applied;

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref applied, 1) == 1)
        {
            return;
        }

        try
        {
            _ = MallOpt(MmapThreshold, MaxMmapThreshold);
            _ = MallOpt(TrimThreshold, KeepFreedBytes);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune, training still works.
        }
        catch (DllNotFoundException)
        {
        }
    }

    // "libc.so.6", not "libc": on Debian "libc.so" is a linker script (with libc6-dev) that dlopen
    // rejects, so the short name never loads and the tuning was silently skipped.
    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
