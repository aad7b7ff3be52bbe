using System.Text.Json;
using Lpr.Core.Imaging;
using Lpr.Testing;
using Lpr.Vision.Imaging;
using Lpr.Vision.Localization;
using OpenCvSharp;

namespace Lpr.Vision.Tests.Imaging;

/// <summary>
/// The portable imaging path (SkiaSharp decode and JPEG encode, managed warp) against the OpenCV one on the bundled
/// samples: on linux-arm64 the agent reads frames and cuts plates with the portable path only, so it must give what
/// OpenCV gives here, within a small tolerance.
/// </summary>
public sealed class PortableImagingTests
{
    private static readonly string Scenes = Path.Combine(RepoPaths.Samples, "scenes");
    private static readonly string Crops = Path.Combine(RepoPaths.Samples, "crops");

    public static TheoryData<string> SceneFrames => [.. Directory.GetFiles(Scenes, "*.jpg").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    private static (int Max, double Mean) Difference(PixelImage a, PixelImage b)
    {
        Assert.Equal((a.Width, a.Height, a.Channels), (b.Width, b.Height, b.Channels));
        long sum = 0;
        var max = 0;
        for (var i = 0; i < a.Data.Length; i++)
        {
            var d = Math.Abs(a.Data[i] - b.Data[i]);
            sum += d;
            max = Math.Max(max, d);
        }

        return (max, (double)sum / a.Data.Length);
    }

    private static IEnumerable<(string File, Quad Corners)> AnnotatedPlates()
    {
        foreach (var line in File.ReadLines(Path.Combine(Scenes, "annotations.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var file = json.RootElement.GetProperty("file").GetString()!;
            foreach (var plate in json.RootElement.GetProperty("plates").EnumerateArray())
            {
                var c = plate.GetProperty("corners").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                yield return (file, new Quad(new(c[0], c[1]), new(c[2], c[3]), new(c[4], c[5]), new(c[6], c[7])));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SceneFrames))]
    public void Skia_decodes_a_sample_frame_as_opencv_does(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Scenes, file));

        var openCv = ImageCodec.Decode(bytes, file, ImagingBackend.OpenCv);
        var portable = ImageCodec.Decode(bytes, file, ImagingBackend.Portable);

        // Both are libjpeg-turbo (islow IDCT, fancy upsampling): identical bytes on x64 today; one level of slack
        // for another build's colour-conversion rounding.
        var (max, mean) = Difference(openCv, portable);
        Assert.Equal((1280, 720, 3), (portable.Width, portable.Height, portable.Channels));
        Assert.True(max <= 1 && mean < 0.01, $"{file}: max difference {max}, mean {mean:0.0000}");
    }

    [Fact]
    public void Skia_decodes_the_gray_sample_crops_exactly_as_opencv_does()
    {
        var files = Directory.GetFiles(Crops, "*.png");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var openCv = ImageCodec.Decode(bytes, file, ImagingBackend.OpenCv);
            var portable = ImageCodec.Decode(bytes, file, ImagingBackend.Portable);
            Assert.Equal(1, portable.Channels);
            Assert.Equal(openCv.Data, portable.Data); // PNG is lossless: anything else is a bug
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Jpeg_written_by_skia_is_as_faithful_as_opencvs(int channels)
    {
        var frame = ImageCodec.Decode(File.ReadAllBytes(Path.Combine(Scenes, "frame_0004.jpg")), "frame", ImagingBackend.OpenCv);
        var crop = FrameTransforms.Crop(frame, new PixelRect(400, 380, 320, 120));
        var image = channels == 1 ? FrameTransforms.ToGray(crop) : crop;

        var fromSkia = ImageCodec.EncodeJpeg(image, 80, ImagingBackend.Portable);
        var fromOpenCv = ImageCodec.EncodeJpeg(image, 80, ImagingBackend.OpenCv);

        // Each decoded by the other library: the files are ordinary baseline JPEGs, not just self-consistent.
        var skiaRead = ImageCodec.Decode(fromSkia, "skia jpeg", ImagingBackend.OpenCv);
        var openCvRead = ImageCodec.Decode(fromOpenCv, "opencv jpeg", ImagingBackend.Portable);
        Assert.Equal(channels, skiaRead.Channels);
        var (_, skiaError) = Difference(image, skiaRead);
        var (_, openCvError) = Difference(image, openCvRead);
        Assert.True(skiaError <= (openCvError * 1.2) + 0.2, $"mean error of Skia's JPEG {skiaError:0.000}, OpenCV's {openCvError:0.000}");
        Assert.InRange(fromSkia.Length, fromOpenCv.Length * 0.8, fromOpenCv.Length * 1.25);
    }

    [Fact]
    public void The_managed_warp_cuts_every_sample_plate_as_opencv_does()
    {
        var plates = AnnotatedPlates().ToList();
        Assert.True(plates.Count >= 12, $"only {plates.Count} annotated plates");
        var frames = new Dictionary<string, PixelImage>(StringComparer.Ordinal);
        var worstMean = 0.0;
        foreach (var (file, corners) in plates)
        {
            if (!frames.TryGetValue(file, out var frame))
            {
                frame = frames[file] = ImageCodec.Decode(File.ReadAllBytes(Path.Combine(Scenes, file)), file, ImagingBackend.OpenCv);
            }

            foreach (var (kind, openCv, portable) in new[]
            {
                ("rectify", PlateRectifier.Rectify(frame, corners, 64, ImagingBackend.OpenCv), PlateRectifier.Rectify(frame, corners, 64, ImagingBackend.Portable)),
                ("recognizer crop", PlateRectifier.RecognizerCrop(frame, corners, 64, ImagingBackend.OpenCv), PlateRectifier.RecognizerCrop(frame, corners, 64, ImagingBackend.Portable)),
            })
            {
                // The managed warp uses OpenCV's own fixed-point scheme, so only a sub-pixel position that rounds the
                // other way (the two solve the transform in different orders) can differ, by one level.
                var (max, mean) = Difference(openCv, portable);
                worstMean = Math.Max(worstMean, mean);
                Assert.True(max <= 1 && mean < 0.01, $"{file} {kind} ({openCv.Width}x{openCv.Height}): max difference {max}, mean {mean:0.000}");
            }
        }

        TestContext.Current.SendDiagnosticMessage($"managed vs OpenCV warp on {plates.Count} sample plates: worst mean difference {worstMean:0.000} grey levels");
    }

    [Fact]
    public void Beyond_the_frame_edge_both_warps_repeat_the_border()
    {
        // A tilted quad that pokes out of a small gradient frame on every side.
        var data = new byte[40 * 30 * 3];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 7) % 251);
        }

        var frame = new PixelImage(40, 30, 3, data);
        var corners = new Quad(new(-6, -3), new(44, -8), new(47, 35), new(-4, 33));

        var openCv = PlateRectifier.Rectify(frame, corners, 24, ImagingBackend.OpenCv);
        var portable = PlateRectifier.Rectify(frame, corners, 24, ImagingBackend.Portable);

        var (max, mean) = Difference(openCv, portable);
        Assert.True(max <= 1 && mean < 0.01, $"max difference {max}, mean {mean:0.000}");
    }

    [Theory]
    [InlineData(".png", 1, false)]
    [InlineData(".png", 3, false)]
    [InlineData(".png", 4, false)]
    [InlineData(".png", 1, true)]
    [InlineData(".bmp", 3, false)]
    [InlineData(".bmp", 1, false)]
    public void Skia_reads_other_formats_and_layouts_as_opencv_does(string extension, int channels, bool sixteenBit)
    {
        // OpenCV writes them (alpha, 16-bit and palette variants included); both must read the same 8-bit gray or BGR.
        var depth = sixteenBit ? MatType.CV_16UC(channels) : MatType.CV_8UC(channels);
        using var mat = new Mat(23, 37, depth);
        Cv2.Randu(mat, Scalar.All(0), Scalar.All(sixteenBit ? 65535 : 255));
        Cv2.ImEncode(extension, mat, out var bytes);

        var openCv = ImageCodec.Decode(bytes, extension, ImagingBackend.OpenCv);
        var portable = ImageCodec.Decode(bytes, extension, ImagingBackend.Portable);

        // The one layout difference: OpenCV reads an 8-bit palette BMP with a gray palette as gray, Skia as BGR
        // (same levels in all three channels); the pipeline turns either into the same gray crop.
        if (extension == ".bmp" && channels == 1)
        {
            Assert.Equal(3, portable.Channels);
            portable = FrameTransforms.ToGray(portable);
        }

        var (max, _) = Difference(openCv, portable);
        Assert.True(max <= 1, $"{extension} {channels} channel(s){(sixteenBit ? " 16-bit" : string.Empty)}: max difference {max}");
    }

    [Fact]
    public void Skia_refuses_garbage_and_truncation_naming_what_it_reads()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Scenes, "frame_0000.jpg"));

        var garbage = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode("not an image"u8, "Image 'x.jpg'", ImagingBackend.Portable));
        var truncated = Assert.Throws<ImageDecodeException>(() => ImageCodec.Decode(bytes.AsSpan(0, bytes.Length / 2), "Image 'half.jpg'", ImagingBackend.Portable));

        Assert.Contains("Image 'x.jpg' is not a readable image", garbage.Message, StringComparison.Ordinal);
        Assert.Contains("JPEG, PNG", garbage.Message, StringComparison.Ordinal);
        Assert.Contains("half.jpg", truncated.Message, StringComparison.Ordinal);
    }
}
