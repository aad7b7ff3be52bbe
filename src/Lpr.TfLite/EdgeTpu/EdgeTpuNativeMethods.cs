using System.Runtime.InteropServices;
using Lpr.TfLite.Native;

namespace Lpr.TfLite.EdgeTpu;

/// <summary>libedgetpu's C API (edgetpu_c.h).</summary>
internal static unsafe partial class EdgeTpuNativeMethods
{
    private const string Lib = NativeLibraries.EdgeTpuName;

    /// <summary>edgetpu_device_type.</summary>
    public enum DeviceType
    {
        ApexPci = 0,
        ApexUsb = 1,
    }

    [LibraryImport(Lib, EntryPoint = "edgetpu_list_devices")]
    public static partial NativeDevice* ListDevices(out nuint count);

    [LibraryImport(Lib, EntryPoint = "edgetpu_free_devices")]
    public static partial void FreeDevices(NativeDevice* devices);

    [LibraryImport(Lib, EntryPoint = "edgetpu_create_delegate", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr CreateDelegate(DeviceType type, string? name, IntPtr options, nuint optionCount);

    [LibraryImport(Lib, EntryPoint = "edgetpu_free_delegate")]
    public static partial void FreeDelegate(IntPtr tfLiteDelegate);

    [LibraryImport(Lib, EntryPoint = "edgetpu_version")]
    public static partial IntPtr Version();

    /// <summary>struct edgetpu_device { enum edgetpu_device_type type; const char* path; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NativeDevice
    {
        public DeviceType Type;
        public IntPtr Path;
    }
}
