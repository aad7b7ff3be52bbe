using Lpr.Core.Imaging;
using Lpr.Core.Localization;
using Lpr.EdgeAgent.Pipeline;
using Lpr.EdgeAgent.Tests.Fixtures;
using Lpr.Testing;
using Lpr.Vision.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenCvSharp;

namespace Lpr.EdgeAgent.Tests.Pipeline;

/// <summary>
/// The learned locator inside the agent: <c>Lpr:Cameras:N:Locator</c> = learned (or auto with a detector model at
/// <c>Lpr:Locator:Model</c>) runs a real .tflite detector (<see cref="CellDetectorModel"/>: a bright 8x8 input cell is
/// a 4:1 plate) on each frame, and only its crops reach the recognizer; wrong detector settings fail naming the key.
/// </summary>
public sealed class LearnedLocatorAgentTests(MosquittoFixture broker) : IClassFixture<MosquittoFixture>
{
    private const int FrameWidth = 160;
    private const int FrameHeight = 96;
    private const byte PlateLevel = 200;
    private static readonly Dictionary<byte, string> Script = new() { [PlateLevel] = "12가3456" };

    [Theory]
    [InlineData("learned")]
    [InlineData("auto")]
    public async Task The_detector_finds_the_plate_and_its_box_is_the_events_bbox(string locator)
    {
        var ct = TestContext.Current.CancellationToken;
        using var run = new AgentRun(broker.Port);
        var frames = Directory.CreateDirectory(Path.Combine(run.Directory, "frames")).FullName;
        for (var i = 0; i < 4; i++)
        {
            // A dark frame (level 20: no detection) with one bright 16x16 cell: the plate centre.
            WriteFrame(Path.Combine(frames, $"frame-{i:D4}.png"), cellX: 4, cellY: 2);
        }

        run.Camera(0, "gate", frames, maxFps: 20)
            .Set("Lpr:Cameras:0:Locator", locator)
            .Set("Lpr:Locator:Model", WriteDetector(run.Directory))
            .Set("Lpr:Recognizer:Backend", "managed")
            .Set("Lpr:Pipeline:FrameQueueCapacity", "16");
        await using var collector = await PlateCollector.ConnectAsync(broker.Host, broker.Port, ct);
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();

        Assert.Equal("learned", host.Services.GetRequiredService<PlateLocatorFactory>().KindOf(new Lpr.EdgeAgent.Options.CameraOptions { Locator = locator }));
        await host.StartAsync(ct);
        try
        {
            await collector.WaitForAsync(1, TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        var plate = Assert.Single(collector.Events);
        Assert.Equal("12가3456", plate.GetProperty("plate").GetString());
        // The frame is 160x96 and the detector input 80x48 (scale 2): input quad x 20..52, y 16..24 → frame 40..104, 32..48.
        var box = plate.GetProperty("bbox");
        Assert.Equal((40, 32, 64, 16), (box.GetProperty("x").GetInt32(), box.GetProperty("y").GetInt32(), box.GetProperty("width").GetInt32(), box.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task Learned_without_a_detector_model_fails_at_start_naming_the_key()
    {
        using var run = new AgentRun(brokerPort: 1883).Camera(0, "gate", "/dev/video0")
            .Set("Lpr:Cameras:0:Locator", "learned")
            .Set("Lpr:Locator:Model", "/nonexistent/detector.tflite");
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentHost.InvalidConfigurationExitCode, exitCode);
        Assert.Contains("Lpr:Locator:Model: no detector model at '/nonexistent/detector.tflite' (Lpr:Cameras:0:Locator is 'learned'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_learned_setting_fails_at_start_naming_the_key()
    {
        using var run = new AgentRun(brokerPort: 1883).Camera(0, "gate", "/dev/video0").Set("Lpr:Locator:Learned:NmsIou", "0");
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(run.Args, error, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AgentHost.InvalidConfigurationExitCode, exitCode);
        Assert.Contains("Lpr:Locator:Learned: Invalid learned locator options: nmsIou must be in (0, 1], got 0.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_detector_model_stops_the_agent_with_exit_code_1_naming_the_key()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scenes = new SceneFolder();
        scenes.Add(40, 1);
        using var run = new AgentRun(broker.Port).Camera(0, "gate", scenes.Path, watch: true);
        var detector = WriteDetector(run.Directory);
        await File.WriteAllBytesAsync(detector, (await File.ReadAllBytesAsync(detector, ct))[..100], ct); // truncated; its descriptor is intact
        run.Set("Lpr:Cameras:0:Locator", "learned").Set("Lpr:Locator:Model", detector);
        var builder = AgentHost.CreateBuilder(run.Args);
        AgentRun.WithRecognizer(Script)(builder);
        using var host = builder.Build();
        var statistics = host.Services.GetRequiredService<PipelineStatistics>();

        await host.StartAsync(ct);
        await host.WaitForShutdownAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(1, host.Services.GetRequiredService<AgentExit>().Code);
        Assert.Contains("(Lpr:Locator:Model) cannot be loaded", statistics.LastError, StringComparison.Ordinal);
        Assert.Contains(detector, statistics.LastError, StringComparison.Ordinal);
    }

    private static string WriteDetector(string directory)
    {
        var path = Path.Combine(directory, "cells.tflite");
        File.WriteAllBytes(path, CellDetectorModel.Build(FrameWidth / 2, FrameHeight / 2));
        File.WriteAllText(Path.ChangeExtension(path, ".json"), DetectorDescriptor.CreateDefault(FrameWidth / 2, FrameHeight / 2, CellDetectorModel.Stride).ToJson());
        return path;
    }

    private static void WriteFrame(string path, int cellX, int cellY)
    {
        var frame = new PixelImage(FrameWidth, FrameHeight, 3, [.. Enumerable.Repeat((byte)20, FrameWidth * FrameHeight * 3)]);
        const int Cell = 2 * CellDetectorModel.Stride;
        for (var y = cellY * Cell; y < (cellY + 1) * Cell; y++)
        {
            frame.Data.AsSpan(((y * FrameWidth) + (cellX * Cell)) * 3, Cell * 3).Fill(PlateLevel);
        }

        using var mat = frame.ToMat();
        Cv2.ImWrite(path, mat);
    }
}
