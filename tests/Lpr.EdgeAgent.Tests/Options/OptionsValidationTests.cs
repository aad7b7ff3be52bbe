using Lpr.EdgeAgent.Tests.Pipeline;

namespace Lpr.EdgeAgent.Tests.Options;

/// <summary>Wrong settings stop the real host builder at start with exit code 2 and a message naming the key and the reason.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string> WrongValues => new()
    {
        { "Lpr:Cameras:0:MaxFps", "500", "Lpr:Cameras:0:MaxFps must be above 0 and at most 120 (was 500)" },
        { "Lpr:Cameras:0:Rotation", "45", "Lpr:Cameras:0:Rotation must be 0, 90, 180 or 270 (was 45)" },
        { "Lpr:Cameras:0:Roi", "1,1 2,2", "Lpr:Cameras:0:Roi needs at least 3 points" },
        { "Lpr:Cameras:0:PlateRegion", "1,2,3", "Lpr:Cameras:0:PlateRegion '1,2,3' is not 'x,y,width,height'" },
        { "Lpr:Cameras:0:Id", "a/b", "Lpr:Cameras:0:Id must not contain '/'" },
        { "Lpr:Cameras:0:Source", " ", "Lpr:Cameras:0:Source must name a device" },
        { "Lpr:Cameras:0:Backend", "gstreamer", "Lpr:Cameras:0:Backend must be one of auto, opencv, ffmpeg (was 'gstreamer')" },
        { "Lpr:Cameras:0:Width", "640", "Lpr:Cameras:0:Width and Lpr:Cameras:0:Height must both be 0 (probe the source) or both between 1 and 8192 (were 640 and 0)" },
        { "Lpr:Cameras:0:Locator", "yolo", "Lpr:Cameras:0:Locator must be one of auto, learned, classical, fixed (was 'yolo')" },
        { "Lpr:Locator:MinCandidateConfidence", "2", "Lpr:Locator:MinCandidateConfidence must be between 0 and 1 (was 2)" },
        { "Lpr:Locator:Classical:MinPlateWidth", "2", "Lpr:Locator:Classical: Invalid classical locator options: minPlateWidth must be between 8 and 4096 pixels, got 2." },
        { "Lpr:Recognizer:Backend", "gpu", "Lpr:Recognizer:Backend must be one of auto, managed, native, edgetpu (was 'gpu')" },
        { "Lpr:Recognizer:Model", "/nonexistent/model.tflite", "Lpr:Recognizer:Model: no model file at '/nonexistent/model.tflite'" },
        { "Lpr:Recognizer:Workers", "0", "Lpr:Recognizer:Workers must be between 1 and 16 (was 0)" },
        { "Lpr:Recognizer:ShiftedReadings", "6", "Lpr:Recognizer:ShiftedReadings must be between 0 and 5 (was 6)" },
        { "Lpr:Recognizer:TfLiteLibrary", "/nonexistent/libtensorflowlite_c.so", "Lpr:Recognizer:TfLiteLibrary: no file at '/nonexistent/libtensorflowlite_c.so'" },
        { "Lpr:Recognizer:EdgeTpuLibrary", "/nonexistent/libedgetpu.so.1", "Lpr:Recognizer:EdgeTpuLibrary: no file at '/nonexistent/libedgetpu.so.1'" },
        { "Lpr:Pipeline:FrameQueueCapacity", "0", "Lpr:Pipeline:FrameQueueCapacity must be between 1 and 256 (was 0)" },
        { "Lpr:Tracking:AgreeingFrames", "0", "Lpr:Tracking:AgreeingFrames must be at least 1 (was 0)" },
        { "Lpr:Tracking:IouThreshold", "1.5", "Lpr:Tracking:IouThreshold must be between 0 and 1 (was 1.5)" },
        { "Lpr:KnownPlates:File", "/nonexistent/known.json", "Lpr:KnownPlates:File: no file at '/nonexistent/known.json'" },
        { "Lpr:Health:StallTimeout", "00:00:00", "Lpr:Health:StallTimeout must be positive" },
        { "Lpr:Health:MetricsPort", "80", "Lpr:Health:MetricsPort must be 0 (off) or between 1024 and 65535 (was 80)" },
        { "Lpr:Health:MetricsPort", "70000", "Lpr:Health:MetricsPort must be 0 (off) or between 1024 and 65535 (was 70000)" },
        { "Lpr:Health:MetricsAddress", "localhost", "Lpr:Health:MetricsAddress must be an IPv4 address of this host, 127.0.0.1 (loopback) or 0.0.0.0 (every interface) (was 'localhost')" },
        { "Lpr:Health:MetricsAddress", "::1", "Lpr:Health:MetricsAddress must be an IPv4 address" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public async Task A_wrong_value_exits_non_zero_naming_the_key_and_reason(string key, string value, string expected)
    {
        using var run = new AgentRun(brokerPort: 1).Camera(0, "gate", "/dev/video0").Set("Lpr:Mqtt:Port", "1883").Set(key, value);
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentHost.InvalidConfigurationExitCode, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_section_is_reported_at_once_including_the_publishing_ones()
    {
        using var run = new AgentRun(brokerPort: 0).Camera(0, "gate", "/dev/video0").Camera(1, "gate", "/dev/video1").Set("Lpr:Recognizer:Workers", "99");
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentHost.InvalidConfigurationExitCode, exitCode);
        var text = error.ToString();
        Assert.Contains("Lpr:Mqtt:Port must be between 1 and 65535 (was 0)", text, StringComparison.Ordinal);
        Assert.Contains("Lpr:Cameras:1:Id 'gate' is used by another camera", text, StringComparison.Ordinal);
        Assert.Contains("Lpr:Recognizer:Workers must be between 1 and 16 (was 99)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_without_a_model_says_so_and_exits_zero()
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "models", "kr-plate-recognizer-int8.tflite")))
        {
            Assert.Skip("The trained model is present; the embedded default then runs for real.");
        }

        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync([], error, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("no model at models/kr-plate-recognizer-int8.tflite yet", error.ToString(), StringComparison.Ordinal);
    }
}
