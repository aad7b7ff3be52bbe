using Lpr.Core.Imaging;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;
using Lpr.Testing;
using Lpr.TfLite;
using Lpr.TfLite.Model;

namespace Lpr.Core.Tests.Recognition;

/// <summary>
/// End to end on a real .tflite file written with the model builder: the "network" is a RESHAPE of the
/// int8 image [1, T, C, 1] to the output [1, T, C], so image row t holds the class scores of frame t.
/// An image with one bright pixel per row therefore spells a CTC path, and the recognizer must read it
/// back through preprocessing, the backend, dequantization and both decoders.
/// </summary>
public sealed class TfLitePlateRecognizerTests : IDisposable
{
    private const int Frames = 16;
    private static readonly int Classes = PlateAlphabet.Default.Count + 1;
    private static readonly int Blank = PlateAlphabet.Default.Count;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-recognizer-");

    public void Dispose() => folder.Delete(recursive: true);

    public static TheoryData<string> Backends() =>
        File.Exists(RepoPaths.TfLiteNativeLibrary) ? new TheoryData<string>("managed", "native") : new TheoryData<string>("managed");

    [Theory]
    [MemberData(nameof(Backends))]
    public void Reads_the_plate_spelled_by_the_image(string backend)
    {
        using var recognizer = Open(backend);
        Assert.Equal(backend, recognizer.BackendName);
        Assert.Equal("identity.tflite", recognizer.ModelName);
        Assert.Equal(Frames, recognizer.TimeSteps);

        var reading = recognizer.Recognize(Image(Path("서울12바3456")));
        Assert.Equal("서울12바3456", reading.Text);
        Assert.Equal("서울12바3456", reading.Greedy);
        Assert.True(reading.Valid);
        Assert.Equal(8, reading.Characters.Count);
        Assert.All(reading.Characters, c => Assert.Equal(1f, c.Confidence, 2));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Constrained_text_fixes_what_greedy_gets_wrong(string backend)
    {
        using var recognizer = Open(backend);
        var path = Path("12가3456");
        var image = Image(path);
        // The frame of "5": 오 0.55, 5 0.35, 8 0.10 (pixel levels 140, 89, 26 sum to 255 = probability 1).
        var t = Array.IndexOf(path, PlateAlphabet.Default.IndexOf("5"));
        image.Data[(t * Classes) + PlateAlphabet.Default.IndexOf("5")] = 89;
        image.Data[(t * Classes) + PlateAlphabet.Default.IndexOf("오")] = 140;
        image.Data[(t * Classes) + PlateAlphabet.Default.IndexOf("8")] = 26;

        var reading = recognizer.Recognize(image);
        Assert.Equal("12가34오6", reading.Greedy);
        Assert.Equal("12가3456", reading.Text);
        Assert.True(reading.Valid);
        Assert.Equal(89f / 255, reading.Characters[5].Confidence, 2);
    }

    [Fact]
    public void Shifted_readings_decode_the_mean_of_the_crops_and_its_views_probabilities()
    {
        var model = WriteModel();
        var descriptor = ModelDescriptor.CreateDefault(Classes, Frames, interpolation: InterpolationMode.Nearest);
        File.WriteAllText(System.IO.Path.ChangeExtension(model, ".json"), descriptor.ToJson());
        var managed = new EngineOptions { Backend = InferenceBackend.Managed };
        using var alone = TfLitePlateRecognizer.Open(model, managed);
        using var shifted = TfLitePlateRecognizer.Open(model, managed, shiftedReadings: ShiftedCrops.Max);
        var path = Path("12가3456");
        var image = Image(path);

        // A confidently read crop is not read again.
        Assert.Equal(alone.Recognize(image), shifted.Recognize(image), PlateReadingComparer);

        // The frame of "5" made uncertain (5 0.55, 8 0.45), so the crop alone reads below the bar.
        var t = Array.IndexOf(path, PlateAlphabet.Default.IndexOf("5"));
        image.Data[(t * Classes) + PlateAlphabet.Default.IndexOf("5")] = 140;
        image.Data[(t * Classes) + PlateAlphabet.Default.IndexOf("8")] = 115;

        // The identity model's output is its input: each view's probabilities are its preprocessed pixels.
        var preprocessor = new PlateImagePreprocessor(descriptor.Input!, TensorType.Int8, QuantizationParameters.PerTensor(1f / 255, -128));
        var input = new byte[preprocessor.ByteCount];
        var mean = new float[Frames * Classes];
        for (var view = -1; view < ShiftedCrops.Max; view++)
        {
            var region = view < 0 ? new PixelRect(0, 0, image.Width, image.Height) : ShiftedCrops.Region(image.Width, image.Height, view);
            preprocessor.Process(image, region, input);
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += ((sbyte)input[i] + 128) / 255f / (ShiftedCrops.Max + 1);
            }
        }

        var expected = new Lpr.Core.Decoding.CtcGrammarDecoder(descriptor.Alphabet, Blank, Classes).Decode(mean, Frames);
        var single = alone.Recognize(image);
        var averaged = shifted.Recognize(image);

        Assert.Equal(ShiftedCrops.Max, shifted.ShiftedReadings);
        Assert.Equal(expected.Text, averaged.Text);
        Assert.Equal(expected.Confidence, averaged.Confidence, 4);
        // The views trimmed at the sides move the class columns, so the mean differs from the crop alone.
        Assert.True(single.Confidence < TfLitePlateRecognizer.ConfidentWithoutViews, $"{single.Confidence}");
        Assert.NotEqual(single.Confidence, averaged.Confidence, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => TfLitePlateRecognizer.Open(model, managed, shiftedReadings: ShiftedCrops.Max + 1));
    }

    private static readonly IEqualityComparer<PlateReading> PlateReadingComparer = EqualityComparer<PlateReading>.Create(
        (a, b) => a!.Text == b!.Text && a.Confidence == b.Confidence && a.Characters.SequenceEqual(b.Characters));

    [Fact]
    public void An_unreadable_crop_gives_an_invalid_empty_reading()
    {
        using var recognizer = Open("managed");
        var reading = recognizer.Recognize(Image(Enumerable.Repeat(Blank, Frames).ToArray()));
        Assert.False(reading.Valid);
        Assert.Equal(string.Empty, reading.Text);
        Assert.Equal(string.Empty, reading.Greedy);
        Assert.Equal(0f, reading.Confidence);
    }

    [Fact]
    public void A_missing_model_file_is_named_before_its_descriptor()
    {
        var missing = System.IO.Path.Combine(folder.FullName, "absent.tflite");
        var error = Assert.Throws<FileNotFoundException>(() => TfLitePlateRecognizer.Open(missing, new EngineOptions { Backend = InferenceBackend.Managed }));
        Assert.Contains("Model file not found", error.Message);
        Assert.Contains("absent.tflite", error.Message);
    }

    [Fact]
    public void A_descriptor_that_does_not_fit_the_model_is_rejected_with_the_reason()
    {
        var model = WriteModel();
        File.WriteAllText(System.IO.Path.ChangeExtension(model, ".json"), ModelDescriptor.CreateDefault(Classes, Frames + 1).ToJson());
        var error = Assert.Throws<ModelDescriptorException>(() => TfLitePlateRecognizer.Open(model, new EngineOptions { Backend = InferenceBackend.Managed }));
        Assert.Contains("does not match the descriptor's input 1x17x68x1", error.Message);

        var descriptor = ModelDescriptor.Parse($$"""
            {"task":"plate-recognition","input":{"width":{{Classes}},"height":{{Frames}}},"labels":["0","1"],"blank":2}
            """);
        using var engine = InferenceEngineFactory.Create(model, new EngineOptions { Backend = InferenceBackend.Managed });
        var classes = Assert.Throws<ModelDescriptorException>(() => new TfLitePlateRecognizer(engine, descriptor, "m", ownsEngine: false));
        Assert.Contains("68 classes, the descriptor 3", classes.Message);
    }

    private TfLitePlateRecognizer Open(string backend)
    {
        var model = WriteModel();
        File.WriteAllText(System.IO.Path.ChangeExtension(model, ".json"), ModelDescriptor.CreateDefault(Classes, Frames, interpolation: InterpolationMode.Nearest).ToJson());
        var options = new EngineOptions { Backend = EngineOptions.ParseBackend(backend), NativeLibraryPath = RepoPaths.TfLiteNativeLibrary };
        return TfLitePlateRecognizer.Open(model, options);
    }

    private string WriteModel()
    {
        var q = QuantizationParameters.PerTensor(1f / 255, -128);
        var b = new ModelBuilder();
        var image = b.AddTensor("image", TensorType.Int8, [1, Frames, Classes, 1], q);
        var scores = b.AddTensor("scores", TensorType.Int8, [1, Frames, Classes], q);
        b.AddOperator(BuiltinOperator.Reshape, [image, b.AddConstant<int>("shape", TensorType.Int32, [3], [1, Frames, Classes])], [scores], new ReshapeOptions([1, Frames, Classes]));
        b.SetInputs(image);
        b.SetOutputs(scores);
        var path = System.IO.Path.Combine(folder.FullName, "identity.tflite");
        File.WriteAllBytes(path, b.ToBytes());
        return path;
    }

    /// <summary>A CTC path of <see cref="Frames"/> frames for the plate: tokens with blanks between and after.</summary>
    private static int[] Path(string plate)
    {
        var path = new List<int>();
        foreach (var token in PlateAlphabet.Default.Tokenize(plate))
        {
            path.Add(PlateAlphabet.Default.IndexOf(token));
            path.Add(Blank);
        }

        path.AddRange(Enumerable.Repeat(Blank, Frames - path.Count));
        return [.. path.Take(Frames)];
    }

    /// <summary>Gray image Classes wide and Frames tall, 255 at (class of frame t, t).</summary>
    private static PixelImage Image(int[] path)
    {
        var image = new PixelImage(Classes, Frames, 1, new byte[Classes * Frames]);
        for (var t = 0; t < Frames; t++)
        {
            image.Data[(t * Classes) + path[t]] = 255;
        }

        return image;
    }
}
