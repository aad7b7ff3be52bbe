namespace Lpr.TfLite.Tests.Conformance;

/// <summary>One whole-model conformance run: a graph built in code and the seed of its random inputs.</summary>
internal sealed class WholeModelCase(string name, Func<byte[]> build, int inputSeed)
{
    private readonly Lazy<byte[]> model = new(build);

    /// <summary>The case's key in <c>whole-model-outputs.tsv</c>.</summary>
    public string Name { get; } = name;

    public byte[] Model => model.Value;

    public int InputSeed { get; } = inputSeed;

    public override string ToString() => Name;
}

/// <summary>
/// The whole-model conformance cases (<see cref="ReferenceModels"/> graphs and input seeds), as the x64 tests run them
/// against the TFLite 2.2 C library and as tools/Lpr.Arm64Check runs them where that library is absent.
/// </summary>
internal static class WholeModelCases
{
    public static IReadOnlyList<WholeModelCase> All { get; } = Build();

    public static WholeModelCase Get(string name) => All.Single(c => c.Name == name);

    private static List<WholeModelCase> Build()
    {
        var cases = new List<WholeModelCase>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var graph = new Lazy<byte[]>(() => ReferenceModels.MobileNetStyle(seed).Model);
            for (var input = 0; input < 3; input++)
            {
                cases.Add(new WholeModelCase($"mobilenet-{seed}-input-{input}", () => graph.Value, (seed * 100) + input));
            }
        }

        // The recognizer's 32x68 probabilities carry far more of the kernels' arithmetic than the classifier's 10
        // (some MobileNet-style inputs saturate to the same output), so it gets a second input each.
        foreach (var seed in new[] { 7, 8 })
        {
            var graph = new Lazy<byte[]>(() => ReferenceModels.Recognizer(seed).Model);
            cases.Add(new WholeModelCase($"recognizer-{seed}", () => graph.Value, seed));
            cases.Add(new WholeModelCase($"recognizer-{seed}-input-1", () => graph.Value, (seed * 100) + 1));
        }

        return cases;
    }
}
