using System.CommandLine;
using System.Text.Json;
using Lpr.Cli.Commands;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Cli.Tests;

/// <summary>
/// <c>lpr recognize</c> and <c>lpr eval</c> on a real .tflite file: an int8 RESHAPE of the image
/// [1, T, C, 1] to the scores [1, T, C], so a crop with one white pixel per row spells a CTC path.
/// Crops are written as 24-bit BMP files (lossless, decoded by OpenCV like any photo).
/// </summary>
public sealed class RecognizerCommandTests : IDisposable
{
    private const int Frames = 16;
    private const string MissingTfLite = "/nonexistent/libtensorflowlite_c.so";
    private static readonly int Classes = PlateAlphabet.Default.Count + 1;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-cli-recognize-");

    public RecognizerCommandTests()
    {
        var q = QuantizationParameters.PerTensor(1f / 255, -128);
        var b = new ModelBuilder();
        var image = b.AddTensor("image", TensorType.Int8, [1, Frames, Classes, 1], q);
        var scores = b.AddTensor("scores", TensorType.Int8, [1, Frames, Classes], q);
        b.AddOperator(BuiltinOperator.Reshape, [image, b.AddConstant<int>("shape", TensorType.Int32, [3], [1, Frames, Classes])], [scores], new ReshapeOptions([1, Frames, Classes]));
        b.SetInputs(image);
        b.SetOutputs(scores);
        File.WriteAllBytes(ModelPath, b.ToBytes());
        File.WriteAllText(Path.ChangeExtension(ModelPath, ".json"), ModelDescriptor.CreateDefault(Classes, Frames, interpolation: InterpolationMode.Nearest).ToJson());
    }

    private string ModelPath => Path.Combine(folder.FullName, "identity.tflite");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Recognize_prints_one_json_line_per_image()
    {
        var crops = Directory.CreateDirectory(Path.Combine(folder.FullName, "crops")).FullName;
        WriteCrop(Path.Combine(crops, "a.bmp"), "서울12바3456");
        WriteCrop(Path.Combine(crops, "b.bmp"), "123가4567");
        var (exitCode, lines, _) = Run("recognize", "--model", ModelPath, "--backend", "managed", "--json", Path.Combine(crops, "a.bmp"), Path.Combine(crops, "b.bmp"));
        Assert.Equal(0, exitCode);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(["file", "text", "greedy", "valid", "confidence", "chars", "backend", "ms"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a.bmp", root.GetProperty("file").GetString());
        Assert.Equal("서울12바3456", root.GetProperty("text").GetString());
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal("managed", root.GetProperty("backend").GetString());
        Assert.Equal("서울", root.GetProperty("chars")[0].GetProperty("token").GetString());
        Assert.Equal(8, root.GetProperty("chars").GetArrayLength());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("123가4567", second.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Recognize_reports_unreadable_images_and_missing_descriptors()
    {
        var broken = Path.Combine(folder.FullName, "broken.jpg");
        File.WriteAllText(broken, "not an image");
        var (exitCode, _, error) = Run("recognize", "--model", ModelPath, "--backend", "managed", broken);
        Assert.Equal(1, exitCode);
        Assert.Contains("broken.jpg", error);

        File.Delete(Path.ChangeExtension(ModelPath, ".json"));
        (exitCode, _, error) = Run("recognize", "--model", ModelPath, broken);
        Assert.Equal(2, exitCode);
        Assert.Contains("identity.json", error);
    }

    [Fact]
    public void A_model_declaring_a_huge_tensor_is_reported_in_one_line_and_exit_code_2()
    {
        // A few hundred bytes that declare a 1 GiB activation: the managed interpreter refuses it by its budget.
        var hostile = Path.Combine(folder.FullName, "hostile.tflite");
        var b = new ModelBuilder();
        var image = b.AddTensor("image", TensorType.Int8, [1, 32768, 32768, 1], QuantizationParameters.PerTensor(1f / 255, -128));
        b.SetInputs(image);
        b.SetOutputs(image);
        File.WriteAllBytes(hostile, b.ToBytes());
        File.Copy(Path.ChangeExtension(ModelPath, ".json"), Path.ChangeExtension(hostile, ".json"));
        var crop = Path.Combine(folder.FullName, "a.bmp");
        WriteCrop(crop, "12가3456");

        var (exitCode, lines, error) = Run("recognize", "--model", hostile, "--backend", "managed", crop);

        Assert.Equal(2, exitCode);
        Assert.Empty(lines);
        Assert.StartsWith($"lpr: cannot open model '{hostile}': Tensor #0 'image' INT8[1x32768x32768x1] needs 1073741824 bytes", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_native_with_a_missing_tflite_lib_names_it_and_how_to_install_it()
    {
        var crop = Path.Combine(folder.FullName, "a.bmp");
        WriteCrop(crop, "12가3456");
        var (exitCode, _, error) = Run("recognize", "--model", ModelPath, "--backend", "native", "--tflite-lib", MissingTfLite, crop);
        Assert.Equal(2, exitCode);
        Assert.Contains($"'{MissingTfLite}' does not exist", error, StringComparison.Ordinal);
        Assert.Contains("bash scripts/fetch-tflite.sh", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_a_missing_tflite_lib_runs_managed_and_says_why()
    {
        var crop = Path.Combine(folder.FullName, "a.bmp");
        WriteCrop(crop, "12가3456");
        var (exitCode, lines, error) = Run(
            "recognize", "--model", ModelPath, "--tflite-lib", MissingTfLite, "--edgetpu-lib", "/nonexistent/libedgetpu.so.1", "--json", crop);
        Assert.Equal(0, exitCode);
        using var reading = JsonDocument.Parse(lines.Single());
        Assert.Equal("managed", reading.RootElement.GetProperty("backend").GetString());
        Assert.Equal("12가3456", reading.RootElement.GetProperty("text").GetString());
        Assert.Contains($"lpr: backend auto runs managed: the TFLite C library cannot be loaded: '{MissingTfLite}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_labels_by_file_name_and_ends_with_the_accuracy_line()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder.FullName, "data")).FullName;
        WriteCrop(Path.Combine(data, "12가3456_1.bmp"), "12가3456");
        WriteCrop(Path.Combine(data, "인천86바3430.bmp"), "인천86바3430");
        WriteCrop(Path.Combine(data, "34나5678_0.bmp"), "34나5679"); // labelled wrong on purpose
        var report = Path.Combine(folder.FullName, "report.html");
        var (exitCode, lines, _) = Run("eval", "--model", ModelPath, "--backend", "managed", "--report", report, data);
        Assert.Equal(0, exitCode);
        Assert.Equal("accuracy: 0.6667 (2/3)", lines[^1]);
        Assert.Contains("exact match (greedy): 0.6667 (2/3)", lines);
        Assert.Contains(lines, l => l.Contains("expected '34나5678' got '34나5679'", StringComparison.Ordinal));
        var html = File.ReadAllText(report);
        Assert.Contains("data:image/bmp;base64,", html);
        Assert.Contains("accuracy: 0.6667 (2/3)", html);
    }

    [Fact]
    public void Shifted_readings_out_of_range_exit_2_naming_the_option()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder.FullName, "data")).FullName;
        WriteCrop(Path.Combine(data, "12가3456_1.bmp"), "12가3456");
        var (exitCode, _, error) = Run("eval", "--model", ModelPath, "--backend", "managed", "--shifted-readings", "6", data);
        var (aloneExit, alone, _) = Run("eval", "--model", ModelPath, "--backend", "managed", "--shifted-readings", "0", data);

        Assert.Equal(2, exitCode);
        Assert.Contains("--shifted-readings must be between 0 and 5, got 6", error, StringComparison.Ordinal);
        Assert.Equal(0, aloneExit);
        Assert.Equal("accuracy: 1.0000 (1/1)", alone[^1]);
    }

    [Fact]
    public void Eval_of_a_missing_folder_fails_with_its_name()
    {
        var (exitCode, _, error) = Run("eval", "--model", ModelPath, Path.Combine(folder.FullName, "nowhere"));
        Assert.Equal(2, exitCode);
        Assert.Contains("nowhere", error);
    }

    private static (int ExitCode, string[] Lines, string Error) Run(params string[] args)
    {
        var root = new RootCommand { RecognizeCommand.Create(), EvalCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    /// <summary>A Classes x Frames crop whose row t is white at the class of frame t (tokens, each followed by a blank).</summary>
    private static void WriteCrop(string path, string plate)
    {
        var blank = PlateAlphabet.Default.Count;
        var frames = PlateAlphabet.Default.Tokenize(plate).SelectMany(t => new[] { PlateAlphabet.Default.IndexOf(t), blank }).ToList();
        frames.AddRange(Enumerable.Repeat(blank, Frames - frames.Count));
        var gray = new byte[Classes * Frames];
        for (var t = 0; t < Frames; t++)
        {
            gray[(t * Classes) + frames[t]] = 255;
        }

        File.WriteAllBytes(path, Bmp24(Classes, Frames, gray));
    }

    /// <summary>An uncompressed 24-bit BMP (bottom-up rows padded to 4 bytes) of a gray image.</summary>
    private static byte[] Bmp24(int width, int height, byte[] gray)
    {
        var stride = ((width * 3) + 3) & ~3;
        var bytes = new byte[54 + (stride * height)];
        "BM"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(2), bytes.Length);
        BitConverter.TryWriteBytes(bytes.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bytes.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bytes.AsSpan(18), width);
        BitConverter.TryWriteBytes(bytes.AsSpan(22), height);
        BitConverter.TryWriteBytes(bytes.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bytes.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bytes.AsSpan(34), stride * height);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
            {
                bytes[row + (3 * x)] = bytes[row + (3 * x) + 1] = bytes[row + (3 * x) + 2] = gray[(y * width) + x];
            }
        }

        return bytes;
    }
}
