using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lpr.TfLite.Kernels;

/// <summary>
/// Eight 8-bit tensor values (sbyte or byte) to and from the eight int32 lanes the AVX2 paths of the elementwise and
/// output stages compute in. Callers check <see cref="Avx2.IsSupported"/>.
/// </summary>
internal static class Lanes8
{
    public const int Count = 8;

    /// <summary>The first eight values, sign- or zero-extended as <typeparamref name="T"/> says.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = Vector128.CreateScalar(MemoryMarshal.Read<long>(MemoryMarshal.AsBytes(values.Slice(0, Count))));
        return typeof(T) == typeof(sbyte) ? Avx2.ConvertToVector256Int32(bytes.AsSByte()) : Avx2.ConvertToVector256Int32(bytes.AsByte());
    }

    /// <summary>
    /// Writes eight lanes already clamped to <typeparamref name="T"/>'s range as eight 8-bit values: the saturating
    /// packs only narrow them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector256<int> values, Span<T> output)
        where T : unmanaged
    {
        var shorts = Sse2.PackSignedSaturate(values.GetLower(), values.GetUpper());
        var bytes = typeof(T) == typeof(sbyte) ? Sse2.PackSignedSaturate(shorts, shorts).AsInt64() : Sse2.PackUnsignedSaturate(shorts, shorts).AsInt64();
        MemoryMarshal.Write(MemoryMarshal.AsBytes(output.Slice(0, Count)), bytes.ToScalar());
    }
}
