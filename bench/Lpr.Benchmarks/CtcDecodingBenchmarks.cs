using BenchmarkDotNet.Attributes;
using Lpr.Core.Decoding;
using Lpr.Core.Imaging;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;
using Lpr.TfLite.Model;

namespace Lpr.Benchmarks;

/// <summary>
/// Per-crop host work of the recognizer besides the network: CTC decoding of a [32, 68] output
/// (greedy and grammar-constrained) and preprocessing of a 200x50 BGR crop to a 128x32 int8 input.
/// Allocations: decoders allocate only their result, preprocessing nothing.
/// </summary>
[MemoryDiagnoser]
public class CtcDecodingBenchmarks
{
    private const int Frames = 32;
    private readonly float[] logits = new float[Frames * 68];
    private readonly CtcGreedyDecoder greedy = new(PlateAlphabet.Default, 67);
    private readonly CtcGrammarDecoder constrained = new(PlateAlphabet.Default, 67);
    private readonly PlateImagePreprocessor preprocessor = new(
        new ModelInputDescriptor { Width = 128, Height = 32, Channels = 1, Resize = ResizeMode.KeepAspectCenter, Interpolation = InterpolationMode.Linear },
        TensorType.Int8,
        QuantizationParameters.PerTensor(1f / 255, -128));

    private readonly PixelImage crop = new(200, 50, 3, new byte[200 * 50 * 3]);
    private readonly byte[] input = new byte[128 * 32];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (random.NextSingle() * 4f) - 2f;
        }

        // A plate path with moderate margins, blanks elsewhere.
        var tokens = PlateAlphabet.Default.Tokenize("서울12바3456").Select(PlateAlphabet.Default.IndexOf).ToArray();
        for (var t = 0; t < Frames; t++)
        {
            var cls = t % 4 == 1 && t / 4 < tokens.Length ? tokens[t / 4] : 67;
            logits[(t * 68) + cls] += 3f;
        }

        random.NextBytes(crop.Data);
    }

    [Benchmark]
    public string Greedy() => greedy.Decode(logits, Frames).Text;

    [Benchmark]
    public string Constrained() => constrained.Decode(logits, Frames).Text;

    [Benchmark]
    public void Preprocess() => preprocessor.Process(crop, input);
}
