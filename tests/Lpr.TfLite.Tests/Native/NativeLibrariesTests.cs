using Lpr.TfLite.Native;

namespace Lpr.TfLite.Tests.Native;

public class NativeLibrariesTests
{
    [Fact]
    public void A_missing_library_path_is_named_in_the_error()
    {
        Assert.False(NativeLibraries.TryLoadExplicit("/nonexistent/libtensorflowlite_c.so", out var handle, out var error));
        Assert.Equal(IntPtr.Zero, handle);
        Assert.Contains("'/nonexistent/libtensorflowlite_c.so' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_library_is_reported_as_such()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "plain text");
        try
        {
            Assert.False(NativeLibraries.TryLoadExplicit(path, out _, out var error));
            Assert.Contains(path, error, StringComparison.Ordinal);
            Assert.Contains("does not load", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Install_hints_say_how_to_get_each_library()
    {
        Assert.Contains("scripts/fetch-tflite.sh", NativeLibraries.TfLiteInstallHint, StringComparison.Ordinal);
        Assert.Contains(NativeLibraries.TfLiteEnvironmentVariable, NativeLibraries.TfLiteInstallHint, StringComparison.Ordinal);
        Assert.Contains("libedgetpu1-std", NativeLibraries.EdgeTpuInstallHint, StringComparison.Ordinal);
    }
}
