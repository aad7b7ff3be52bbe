using Lpr.Core.Imaging;
using Lpr.Vision.Capture;

namespace Lpr.Vision.Tests.Capture;

/// <summary>Which source a camera gets: the configured backend is honoured; auto falls back to ffmpeg without OpenCvSharp.</summary>
public sealed class FrameSourceFactoryTests(TestVideoFixture video) : IClassFixture<TestVideoFixture>
{
    private static FrameSourceFactory Factory(string? openCvProblem) =>
        new(TimeProvider.System, () => openCvProblem, new FfmpegFrameSourceOptions());

    [Fact]
    public void Ffmpeg_chosen_explicitly_reads_through_ffmpeg_at_the_configured_size()
    {
        using var source = Factory(openCvProblem: null).Create(new FrameSourceSpec(video.Clip, WatchFolder: false, CaptureBackend.Ffmpeg, Width: 80, Height: 60));

        var ffmpeg = Assert.IsType<FfmpegFrameSource>(source);
        ffmpeg.Open();
        var read = ffmpeg.Read(TestContext.Current.CancellationToken);
        Assert.Equal((80, 60), (read.Image!.Width, read.Image.Height));
        Assert.Equal("ffmpeg", source.BackendName);
    }

    [Fact]
    public void Opencv_chosen_explicitly_is_used_even_where_it_would_not_load()
    {
        using var source = Factory("no native library").Create(new FrameSourceSpec("/dev/video0", WatchFolder: false, CaptureBackend.OpenCv));

        Assert.IsType<VideoCaptureFrameSource>(source);
    }

    [Fact]
    public void Auto_takes_opencv_where_it_loads_and_ffmpeg_where_it_does_not()
    {
        var spec = new FrameSourceSpec("/dev/video0", WatchFolder: false, CaptureBackend.Auto);

        using var withOpenCv = Factory(openCvProblem: null).Create(spec);
        using var withoutOpenCv = Factory("OpenCvSharp's native library cannot be loaded").Create(spec);

        Assert.IsType<VideoCaptureFrameSource>(withOpenCv);
        Assert.IsType<FfmpegFrameSource>(withoutOpenCv);
    }

    [Fact]
    public void Auto_on_this_machine_uses_opencv_because_its_native_library_loads()
    {
        Assert.Null(OpenCvRuntime.LoadProblem);
        Assert.True(OpenCvRuntime.IsAvailable);
        using var source = new FrameSourceFactory(TimeProvider.System).Create(new FrameSourceSpec(video.Clip, WatchFolder: false));

        Assert.IsType<VideoCaptureFrameSource>(source);
    }

    [Theory]
    [InlineData(CaptureBackend.Auto)]
    [InlineData(CaptureBackend.OpenCv)]
    [InlineData(CaptureBackend.Ffmpeg)]
    public void Image_folders_keep_their_own_source_whatever_the_backend(CaptureBackend backend)
    {
        using var source = Factory("no native library").Create(new FrameSourceSpec(video.Folder, WatchFolder: false, backend));

        Assert.IsType<ImageFolderFrameSource>(source);
    }

    [Theory]
    [InlineData("auto", CaptureBackend.Auto)]
    [InlineData("OpenCV", CaptureBackend.OpenCv)]
    [InlineData(" ffmpeg ", CaptureBackend.Ffmpeg)]
    public void Backend_names_parse_ignoring_case(string name, CaptureBackend expected)
    {
        Assert.True(CaptureBackends.TryParse(name, out var backend));
        Assert.Equal(expected, backend);
    }

    [Theory]
    [InlineData("gstreamer")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_backend_names_are_rejected(string? name) => Assert.False(CaptureBackends.TryParse(name, out _));

    [Fact]
    public void Native_load_failures_are_recognised_through_their_wrappers()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern'");
        var wrapped = new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", new InvalidOperationException("P/Invoke failed", missing));

        Assert.True(NativeLoadFailure.Is(wrapped));
        Assert.True(NativeLoadFailure.Is(new InvalidOperationException("outer", new BadImageFormatException("wrong architecture"))));
        Assert.False(NativeLoadFailure.Is(new InvalidOperationException("a bug")));
        Assert.Equal("Unable to load shared library 'OpenCvSharpExtern'", NativeLoadFailure.Describe(wrapped));
    }

    [Fact]
    public void The_loaders_long_message_is_shortened_to_the_library_and_the_reasons_that_are_not_just_a_missing_file()
    {
        const string Preamble = "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: ";
        var absent = new DllNotFoundException(Preamble
            + "/opt/lpr/runtimes/linux-arm64/native/OpenCvSharpExtern.so: cannot open shared object file: No such file or directory "
            + "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libOpenCvSharpExtern.so: cannot open shared object file: No such file or directory");
        var dependency = new DllNotFoundException(Preamble
            + "/opt/lpr/libOpenCvSharpExtern.so: libopencv_core.so.406: cannot open shared object file: No such file or directory "
            + "/opt/lpr/OpenCvSharpExtern: cannot open shared object file: No such file or directory");

        Assert.Equal("Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies (not found)", NativeLoadFailure.Describe(absent));
        Assert.Equal(
            "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies (libopencv_core.so.406: cannot open shared object file: No such file or directory)",
            NativeLoadFailure.Describe(new TypeInitializationException("NativeMethods", dependency)));
    }

    [Fact]
    public void A_borrowed_frame_is_copied_when_kept_and_an_owned_one_is_not()
    {
        var buffer = new PixelImage(2, 1, 1, [1, 2]);

        var kept = FrameRead.Borrow(buffer).OwnedImage();
        buffer.Data[0] = 9;

        Assert.Equal([1, 2], kept.Data);
        Assert.Same(buffer, FrameRead.Of(buffer).OwnedImage());
    }
}
