using System.Runtime.InteropServices;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Conformance;

/// <summary>
/// The random inputs of the conformance runs, one definition for the native oracle, the recorded outputs and
/// tools/Lpr.Arm64Check: <see cref="Random"/> with a seed is the same sequence on every platform, so an arm64 run
/// feeds exactly the bytes the x64 oracle was fed.
/// </summary>
internal static class ConformanceInputs
{
    /// <summary>Fills one input tensor's buffer: random bytes, or floats in [-4, 4) for a float tensor.</summary>
    public static void Fill(Span<byte> buffer, TensorInfo info, Random random)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(random);
        if (info.Type == TensorType.Float32)
        {
            var floats = MemoryMarshal.Cast<byte, float>(buffer);
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = (float)((random.NextDouble() * 8) - 4);
            }

            return;
        }

        random.NextBytes(buffer);
    }
}
