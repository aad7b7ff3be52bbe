using System.Runtime.InteropServices;
using Lpr.TfLite.Native;

namespace Lpr.TfLite.EdgeTpu;

/// <summary>One attached Edge TPU (PCIe or USB).</summary>
public sealed record EdgeTpuDevice(string Kind, string Path);

/// <summary>Lists Edge TPUs and creates their TFLite delegate through libedgetpu.so.1.</summary>
public static class EdgeTpuDevices
{
    /// <summary>The Edge TPU runtime's version string; throws <see cref="BackendUnavailableException"/> when libedgetpu is missing.</summary>
    public static string RuntimeVersion
    {
        get
        {
            NativeLibraries.EnsureEdgeTpu();
            return Marshal.PtrToStringUTF8(EdgeTpuNativeMethods.Version()) ?? "unknown";
        }
    }

    /// <summary>True when libedgetpu loads (whether or not a device is attached).</summary>
    public static bool IsRuntimeAvailable => NativeLibraries.TryLoadEdgeTpu(out _);

    /// <summary>The attached devices; throws <see cref="BackendUnavailableException"/> when libedgetpu is missing.</summary>
    public static unsafe IReadOnlyList<EdgeTpuDevice> List()
    {
        NativeLibraries.EnsureEdgeTpu();
        var devices = EdgeTpuNativeMethods.ListDevices(out var count);
        try
        {
            var result = new List<EdgeTpuDevice>((int)count);
            for (nuint i = 0; i < count; i++)
            {
                var d = devices[i];
                result.Add(new EdgeTpuDevice(d.Type == EdgeTpuNativeMethods.DeviceType.ApexUsb ? "usb" : "pci", Marshal.PtrToStringUTF8(d.Path) ?? string.Empty));
            }

            return result;
        }
        finally
        {
            if (devices != null)
            {
                EdgeTpuNativeMethods.FreeDevices(devices);
            }
        }
    }

    /// <summary>Creates the Edge TPU delegate for the first device (or <paramref name="device"/>).</summary>
    internal static EdgeTpuDelegateHandle CreateDelegate(EdgeTpuDevice? device = null)
    {
        var devices = List();
        var chosen = device ?? (devices.Count > 0 ? devices[0] : null)
            ?? throw new BackendUnavailableException(
                "No Edge TPU device is attached (libedgetpu lists none). Plug in the Coral USB Accelerator or check the PCIe driver (gasket/apex), then retry.");
        var type = chosen.Kind == "usb" ? EdgeTpuNativeMethods.DeviceType.ApexUsb : EdgeTpuNativeMethods.DeviceType.ApexPci;
        var handle = new EdgeTpuDelegateHandle(EdgeTpuNativeMethods.CreateDelegate(type, chosen.Path, IntPtr.Zero, 0));
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new BackendUnavailableException($"libedgetpu could not open the Edge TPU at '{chosen.Path}' ({chosen.Kind}); is another process using it?");
        }

        return handle;
    }
}

/// <summary>A TfLiteDelegate* created by edgetpu_create_delegate.</summary>
internal sealed class EdgeTpuDelegateHandle : SafeHandle
{
    public EdgeTpuDelegateHandle(IntPtr tfLiteDelegate)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(tfLiteDelegate);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        EdgeTpuNativeMethods.FreeDelegate(handle);
        return true;
    }
}
