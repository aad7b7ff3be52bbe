using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class WholeModelConformanceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MobileNet_style_int8_graph_matches_native(int seed)
    {
        var (model, _) = ReferenceModels.MobileNetStyle(seed);
        for (var input = 0; input < 3; input++)
        {
            NativeOracle.AssertSameAsNative(new PrebuiltModel(model), (seed * 100) + input, $"MobileNet-style graph {seed}, input {input}");
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Recognizer_shaped_int8_graph_matches_native(int seed)
    {
        var (model, macs) = ReferenceModels.Recognizer(seed);
        Assert.InRange(macs, 3_000_000, 8_000_000); // ~10 MFLOPs, the size the benchmark goal names
        NativeOracle.AssertSameAsNative(new PrebuiltModel(model), seed, $"recognizer graph {seed}");
    }

    [Fact]
    public void Outputs_are_probability_rows()
    {
        // Guards the oracle comparison against trivially constant outputs: real rows sum to about 1.
        var (model, _) = ReferenceModels.Recognizer(3);
        using var interpreter = new Lpr.TfLite.Interpreter.ManagedInterpreter(TfLiteModel.FromBytes(model));
        new Random(5).NextBytes(interpreter.GetInputBuffer(0));
        interpreter.Invoke();
        var output = interpreter.GetOutputBuffer(0);
        for (var t = 0; t < 32; t++)
        {
            var sum = 0.0;
            var distinct = new HashSet<byte>();
            for (var c = 0; c < 68; c++)
            {
                var q = output[(t * 68) + c];
                distinct.Add(q);
                sum += ((sbyte)q + 128) / 256.0;
            }

            Assert.InRange(sum, 0.8, 1.2);
            Assert.True(distinct.Count > 1, $"row {t} is constant");
        }
    }
}
