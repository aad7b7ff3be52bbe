using Lpr.EdgeAgent.Options;
using Lpr.TfLite;

namespace Lpr.EdgeAgent.Tests.Options;

/// <summary>How <c>Lpr:Recognizer</c> becomes the engine options of every recognizer the agent makes.</summary>
public sealed class RecognizerOptionsTests
{
    private static readonly AgentPaths Paths = new("/opt/lpr-edge-agent", stateDirectory: null);

    [Fact]
    public void Library_paths_are_resolved_like_the_model_and_passed_to_the_engine()
    {
        var options = new RecognizerOptions { Backend = "Native", TfLiteLibrary = "lib/libtensorflowlite_c.so", EdgeTpuLibrary = "/usr/lib/libedgetpu.so.1" };

        var engine = options.ToEngineOptions(Paths);

        Assert.Equal(InferenceBackend.Native, engine.Backend);
        Assert.Equal("/opt/lpr-edge-agent/lib/libtensorflowlite_c.so", engine.NativeLibraryPath);
        Assert.Equal("/usr/lib/libedgetpu.so.1", engine.EdgeTpuLibraryPath);
    }

    [Fact]
    public void Unset_library_paths_leave_the_search_to_the_environment_and_the_usual_places()
    {
        var engine = new RecognizerOptions { TfLiteLibrary = " " }.ToEngineOptions(Paths);

        Assert.Equal(InferenceBackend.Auto, engine.Backend);
        Assert.Null(engine.NativeLibraryPath);
        Assert.Null(engine.EdgeTpuLibraryPath);
    }
}
