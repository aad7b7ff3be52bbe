using Lpr.Testing;
using Lpr.TfLite.Native;

namespace Lpr.TfLite.Tests.Native;

/// <summary>Points the native binding at the repository's TFLite 2.2 build (fetched by scripts/fetch-tflite.sh).</summary>
internal static class NativeTestLibrary
{
    public static void Configure()
    {
        var path = RepoPaths.TfLiteNativeLibrary;
        if (!File.Exists(path))
        {
            Assert.Fail($"The TFLite 2.2 C library is missing at {path}. Run `bash scripts/fetch-tflite.sh` (CI installs it).");
        }

        NativeLibraries.ConfigureTfLite(path);
        NativeLibraries.EnsureTfLite();
    }
}
