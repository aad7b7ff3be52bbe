using Lpr.TfLite.EdgeTpu;
using Lpr.TfLite.Native;

namespace Lpr.TfLite.Tests.EdgeTpu;

/// <summary>
/// The Edge TPU binding up to what this machine has: without libedgetpu (CI, workstations) every entry
/// point fails with the install instructions; with it, listing devices works.
/// </summary>
public class EdgeTpuRuntimeTests
{
    [Fact]
    public void Listing_devices_either_works_or_explains_how_to_install_libedgetpu()
    {
        if (NativeLibraries.TryLoadEdgeTpu(out var error))
        {
            Assert.NotNull(EdgeTpuDevices.List());
            Assert.False(string.IsNullOrEmpty(EdgeTpuDevices.RuntimeVersion));
            return;
        }

        Assert.False(EdgeTpuDevices.IsRuntimeAvailable);
        Assert.Contains("libedgetpu", error, StringComparison.Ordinal);
        var e = Assert.Throws<BackendUnavailableException>(() => EdgeTpuDevices.List());
        Assert.Contains("Edge TPU runtime cannot be loaded", e.Message, StringComparison.Ordinal);
        Assert.Contains("libedgetpu1-std", e.Message, StringComparison.Ordinal);
        Assert.Contains(NativeLibraries.EdgeTpuEnvironmentVariable, e.Message, StringComparison.Ordinal);
    }
}
