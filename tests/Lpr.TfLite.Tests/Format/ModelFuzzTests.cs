using Lpr.TfLite.Format;
using Lpr.TfLite.Interpreter;
using Lpr.TfLite.Model;
using Lpr.TfLite.Tests.Native;

namespace Lpr.TfLite.Tests.Format;

/// <summary>
/// Bounded fuzzing of the reader and the managed interpreter: thousands of corrupted copies of real written
/// models (bit flips, byte overwrites with boundary values, truncations, spliced regions). Whatever the
/// reader accepts is also loaded into a <see cref="ManagedInterpreter"/> (SIMD and reference kernels in
/// turn) and invoked once. The only acceptable outcomes are a model that runs or one of our two
/// exceptions; anything else (IndexOutOfRange, OutOfMemory, Overflow, a hang) fails the test.
/// Deterministic seeds keep failures reproducible.
/// </summary>
public class ModelFuzzTests
{
    private const int MutationsPerModel = 3000;

    /// <summary>Fewer per single-operator model: there are many of them, and together they reach every kernel's Prepare.</summary>
    private const int MutationsPerOperatorModel = 300;

    /// <summary>
    /// The seeds need a few KiB of arena. A small budget keeps every accepted mutation quick to run (a
    /// mutated shape cannot make an operator loop over gigabytes) and exercises the budget checks.
    /// </summary>
    private const int FuzzArenaBytes = 1 << 20;

    private static readonly ManagedInterpreterOptions[] Interpreters =
    [
        new() { MaxArenaBytes = FuzzArenaBytes },
        new() { MaxArenaBytes = FuzzArenaBytes, UseSimd = false },
    ];

    public static TheoryData<string> Seeds() =>
    [
        "recognizer", "dense", "custom",
        .. WrittenOperatorsLoadTests.Operators().Select(row => $"op:{row.Data}"),
        "op:BATCH_MATMUL",
    ];

    // The timeout turns a kernel that loops forever on a mutation into a failure instead of a stalled run.
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Seeds))]
    public async Task Corrupted_models_raise_only_format_errors_when_read_loaded_and_run(string which)
    {
        var (accepted, rejected, ran, total) = await Task.Run(() => Fuzz(which), TestContext.Current.CancellationToken);

        // Sanity of the harness itself: the mutations really hit the parser both ways, and the interpreter too.
        Assert.True(rejected > total / 10, $"only {rejected} of {total} mutations were rejected");
        Assert.True(accepted + rejected == total);
        if (which != "dense" && which != "custom")
        {
            Assert.True(ran > 0, $"none of the {accepted} accepted mutations of '{which}' ran in the interpreter");
        }
    }

    private static (int Accepted, int Rejected, int Ran, int Total) Fuzz(string which)
    {
        var original = Source(which);
        var total = which.StartsWith("op:", StringComparison.Ordinal) ? MutationsPerOperatorModel : MutationsPerModel;
        var random = new Random((which.Length * 7919) + which.Sum(c => c));
        var accepted = 0;
        var rejected = 0;
        var ran = 0;
        for (var i = 0; i < total; i++)
        {
            var mutated = Mutate(original, random);
            var stage = "read";
            TfLiteModel? model = null;
            try
            {
                model = ModelReader.Read(mutated);

                // Whatever is accepted must be internally consistent enough to re-serialize and re-read.
                ModelReader.Read(ModelWriter.Write(model));
                accepted++;
                stage = "interpreter";
                if (LoadsAndRuns(model, Interpreters[i % Interpreters.Length], i))
                {
                    ran++;
                }
            }
            catch (ModelFormatException) when (stage == "read")
            {
                rejected++;
            }
            catch (UnsupportedOperatorException) when (stage == "read")
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} of the '{which}' model raised {e.GetType().Name} ({stage}): {e.Message}\n{Describe(model)}\n{e.StackTrace}");
            }
        }

        return (accepted, rejected, ran, total);
    }

    /// <summary>The accepted model's tensors and operators, so that a failure can be reproduced by hand.</summary>
    private static string Describe(TfLiteModel? model)
    {
        if (model is null)
        {
            return "(not read)";
        }

        var graph = model.MainGraph;
        var tensors = graph.Tensors.Select(t => $"  {t} q={t.Quantization?.Scale.FirstOrDefault()}/{t.Quantization?.ZeroPoint.FirstOrDefault()}{(t.IsConstant ? $" data=[{string.Join(',', t.Data.ToArray().Take(16))}]" : string.Empty)}");
        var operators = graph.Operators.Select(o => $"  {model.GetOperatorCode(o).Name} [{string.Join(',', o.Inputs)}] -> [{string.Join(',', o.Outputs)}] {o.Options}");
        return $"inputs [{string.Join(',', graph.Inputs)}], outputs [{string.Join(',', graph.Outputs)}]\n{string.Join('\n', tensors)}\n{string.Join('\n', operators)}";
    }

    /// <summary>Loads the model and invokes it once on deterministic input; false when it is refused with one of our exceptions.</summary>
    private static bool LoadsAndRuns(TfLiteModel model, ManagedInterpreterOptions options, int seed)
    {
        try
        {
            using var interpreter = new ManagedInterpreter(model, options);
            var fill = new Random(seed);
            for (var k = 0; k < interpreter.Inputs.Count; k++)
            {
                fill.NextBytes(interpreter.GetInputBuffer(k));
            }

            interpreter.Invoke();
            for (var k = 0; k < interpreter.Outputs.Count; k++)
            {
                _ = interpreter.GetOutputBuffer(k);
            }

            return true;
        }
        catch (ModelFormatException)
        {
            return false;
        }
        catch (UnsupportedOperatorException)
        {
            return false;
        }
    }

    private static byte[] Source(string which) => which switch
    {
        "recognizer" => SampleModels.SmallCtcRecognizer(seed: 3).ToBytes(),
        "dense" => SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0.5f, -0.5f]).ToBytes(),
        "custom" => CustomOpModel(),
        _ => WrittenOperatorsLoadTests.Build(which["op:".Length..]).ToBytes(),
    };

    private static byte[] CustomOpModel()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.UInt8, [1, 4, 4, 3], QuantizationParameters.PerTensor(0.5f, 128));
        var y = b.AddTensor("y", TensorType.UInt8, [1, 10], QuantizationParameters.PerTensor(0.25f, 0));
        b.AddCustomOperator("edgetpu-custom-op", [x], [y], new byte[] { 9, 8, 7, 6 });
        b.SetInputs(x);
        b.SetOutputs(y);
        return b.ToBytes();
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0: // flip a few bits
                for (var k = random.Next(1, 5); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // boundary values written over a 32-bit word (offsets, lengths, indices)
            {
                int[] boundaries = [0, 1, -1, int.MaxValue, int.MinValue, 0x7FFF, 0xFFFF, bytes.Length, bytes.Length - 4, 1 << 30];
                var at = random.Next(bytes.Length - 4) & ~3;
                BitConverter.TryWriteBytes(bytes.AsSpan(at), boundaries[random.Next(boundaries.Length)]);
                return bytes;
            }

            case 2: // truncation
                return bytes[..random.Next(bytes.Length)];
            case 3: // a 16-bit vtable entry set to a random value
            {
                var at = random.Next(bytes.Length - 2) & ~1;
                BitConverter.TryWriteBytes(bytes.AsSpan(at), (ushort)random.Next(65536));
                return bytes;
            }

            default: // copy one region over another (duplicated/aliased structures)
            {
                var length = random.Next(4, 64);
                var from = random.Next(bytes.Length - length);
                var to = random.Next(bytes.Length - length);
                Array.Copy(original, from, bytes, to, length);
                return bytes;
            }
        }
    }
}
