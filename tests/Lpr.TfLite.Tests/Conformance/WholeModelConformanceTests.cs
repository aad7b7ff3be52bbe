using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

public sealed class WholeModelConformanceTests
{
    public static TheoryData<string> CaseNames => [.. WholeModelCases.All.Select(c => c.Name)];

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

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_kernel_path_reproduces_the_recorded_native_outputs(string name)
    {
        // Needs no native library: this is the check that runs on linux-arm64 (tools/Lpr.Arm64Check runs the same).
        var @case = WholeModelCases.Get(name);
        var recorded = Assert.Contains(name, RecordedOutputs.Load());
        foreach (var (path, options) in new (string, ManagedInterpreterOptions)[]
        {
            ("reference", new() { UseSimd = false }),
            ($"SIMD {SimdPaths.Best}", new()),
            ("SIMD portable Vector128", new() { SimdPath = SimdPath.Portable }),
        })
        {
            var actual = RecordedOutputs.RunManaged(@case, options);
            Assert.True(recorded.Model == actual.Model, $"{name}: the graph built in code differs from the recorded one (model sha256 {actual.Model}, recorded {recorded.Model}).");
            Assert.True(recorded.OutputsEqual(actual), $"{name} ({path}): outputs {string.Join(',', actual.Outputs)}, recorded {string.Join(',', recorded.Outputs)}.");
        }
    }

    [Fact]
    public void The_recorded_outputs_are_the_native_librarys()
    {
        // The file is data, so it is kept honest here: every digest recomputed from the TFLite 2.2 C library. On a
        // mismatch the message is the file as it should read (regenerate by pasting it into whole-model-outputs.tsv).
        var native = WholeModelCases.All.Select(NativeOracle.RunNative).ToList();
        var recorded = RecordedOutputs.Load();
        var expectedText = RecordedOutputs.Format(native);
        Assert.True(
            recorded.Count == native.Count && native.All(n => recorded.TryGetValue(n.Case, out var r) && r.Model == n.Model && r.OutputsEqual(n)),
            $"tests/Lpr.TfLite.Tests/Conformance/whole-model-outputs.tsv is out of date; it should read:\n{expectedText}");
    }

    [Fact]
    public void The_recorded_file_parses_and_rejects_a_malformed_line()
    {
        var parsed = RecordedOutputs.Parse(RecordedOutputs.Format([new CaseDigests("a", "m", ["o1", "o2"])]));
        Assert.Equal(["o1", "o2"], Assert.Contains("a", parsed).Outputs);
        Assert.Throws<FormatException>(() => RecordedOutputs.Parse("only-one-field\n"));
    }
}
