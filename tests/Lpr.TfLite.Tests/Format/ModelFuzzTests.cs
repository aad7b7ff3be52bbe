using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

/// <summary>
/// Bounded fuzzing of the reader: thousands of corrupted copies of real written models (bit flips, byte
/// overwrites with boundary values, truncations, spliced regions). The only acceptable outcomes are a
/// valid model or one of our two exceptions; anything else (IndexOutOfRange, OutOfMemory, Overflow,
/// a hang) fails the test. Deterministic seeds keep failures reproducible.
/// </summary>
public class ModelFuzzTests
{
    private const int MutationsPerModel = 3000;

    public static TheoryData<string> Seeds() => ["recognizer", "dense", "custom"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Corrupted_models_raise_only_format_errors(string which)
    {
        var original = Source(which);
        var random = new Random(which.Length * 7919);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < MutationsPerModel; i++)
        {
            var mutated = Mutate(original, random);
            try
            {
                var model = ModelReader.Read(mutated);

                // Whatever is accepted must be internally consistent enough to re-serialize and re-read.
                ModelReader.Read(ModelWriter.Write(model));
                accepted++;
            }
            catch (ModelFormatException)
            {
                rejected++;
            }
            catch (UnsupportedOperatorException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} of the '{which}' model raised {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        // Sanity of the harness itself: the mutations really hit the parser both ways.
        Assert.True(rejected > MutationsPerModel / 10, $"only {rejected} of {MutationsPerModel} mutations were rejected");
        Assert.True(accepted + rejected == MutationsPerModel);
    }

    private static byte[] Source(string which) => which switch
    {
        "recognizer" => SampleModels.SmallCtcRecognizer(seed: 3).ToBytes(),
        "dense" => SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0.5f, -0.5f]).ToBytes(),
        _ => CustomOpModel(),
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
