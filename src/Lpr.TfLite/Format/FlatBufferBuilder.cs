using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Lpr.TfLite.Format;

/// <summary>
/// Minimal flatbuffer writer. Like the reference builders it fills the buffer back to front, so every
/// child (vector, string, table) is written before the table that points at it and all uoffsets point
/// forward. Offsets handed out are distances from the end of the buffer. Alignment follows the format:
/// each scalar aligned to its size, vectors to their element size (or more when forced). Identical vtables are
/// written once and shared, as the reference builders do: a model's hundreds of tensors and quantization tables
/// have a handful of distinct layouts, and one vtable each would cost about 16 bytes a table. The <c>CreateShared…</c>
/// vectors are likewise written once per distinct content: a per-channel quantized model repeats the same all-zero
/// zero-point vector (8 bytes a channel) on every weight and bias tensor of a width, which was half of the
/// recognizer's file before. Readers cannot tell: a uoffset may point at any object written earlier.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer;
    private int _space;
    private int _minAlign = 1;
    private int[] _slots = [];
    private int _fieldCount;
    private int _tableStart;
    private readonly List<int> _vtables = [];
    private readonly Dictionary<string, int> _sharedVectors = new(StringComparer.Ordinal);

    public FlatBufferBuilder(int initialCapacity = 1024)
    {
        _buffer = new byte[Math.Max(initialCapacity, 64)];
        _space = _buffer.Length;
    }

    /// <summary>Bytes written so far (= offset of the last written object).</summary>
    public int Offset => _buffer.Length - _space;

    /// <summary>Pads so that after writing <paramref name="additional"/> bytes the head is aligned to <paramref name="size"/>.</summary>
    public void Prep(int size, int additional)
    {
        _minAlign = Math.Max(_minAlign, size);
        var pad = (~(Offset + additional) + 1) & (size - 1);
        Ensure(pad + size + additional);
        for (var i = 0; i < pad; i++)
        {
            _buffer[--_space] = 0;
        }
    }

    public void PutByte(byte value)
    {
        Ensure(1);
        _buffer[--_space] = value;
    }

    public void PutInt16(short value)
    {
        Ensure(2);
        _space -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutInt32(int value)
    {
        Ensure(4);
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutInt64(long value)
    {
        Ensure(8);
        _space -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutSingle(float value)
    {
        Ensure(4);
        _space -= 4;
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_space), value);
    }

    /// <summary>Writes a uoffset to the object at <paramref name="offset"/> (which must already be written).</summary>
    public void PutOffset(int offset)
    {
        Prep(4, 0);
        PutInt32(Offset - offset + 4);
    }

    public int CreateString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Prep(4, bytes.Length + 1);
        PutByte(0);
        PutBytesRaw(bytes);
        PutInt32(bytes.Length);
        return Offset;
    }

    public int CreateByteVector(ReadOnlySpan<byte> bytes, int alignment = 1)
    {
        Prep(4, bytes.Length);
        Prep(alignment, bytes.Length);
        PutBytesRaw(bytes);
        PutInt32(bytes.Length);
        return Offset;
    }

    public int CreateInt32Vector(ReadOnlySpan<int> values)
    {
        Prep(4, 4 * values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            PutInt32(values[i]);
        }

        PutInt32(values.Length);
        return Offset;
    }

    public int CreateInt64Vector(ReadOnlySpan<long> values)
    {
        Prep(4, 8 * values.Length);
        Prep(8, 8 * values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            PutInt64(values[i]);
        }

        PutInt32(values.Length);
        return Offset;
    }

    public int CreateSingleVector(ReadOnlySpan<float> values)
    {
        Prep(4, 4 * values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            PutSingle(values[i]);
        }

        PutInt32(values.Length);
        return Offset;
    }

    /// <summary>An int32 vector, or the earlier one written by this method with the same elements.</summary>
    public int CreateSharedInt32Vector(ReadOnlySpan<int> values)
    {
        var key = SharedKey('i', MemoryMarshal.AsBytes(values));
        return _sharedVectors.TryGetValue(key, out var earlier) ? earlier : _sharedVectors[key] = CreateInt32Vector(values);
    }

    /// <summary>An int64 vector, or the earlier one written by this method with the same elements.</summary>
    public int CreateSharedInt64Vector(ReadOnlySpan<long> values)
    {
        var key = SharedKey('l', MemoryMarshal.AsBytes(values));
        return _sharedVectors.TryGetValue(key, out var earlier) ? earlier : _sharedVectors[key] = CreateInt64Vector(values);
    }

    /// <summary>A float vector, or the earlier one written by this method with the same elements (bit for bit).</summary>
    public int CreateSharedSingleVector(ReadOnlySpan<float> values)
    {
        var key = SharedKey('f', MemoryMarshal.AsBytes(values));
        return _sharedVectors.TryGetValue(key, out var earlier) ? earlier : _sharedVectors[key] = CreateSingleVector(values);
    }

    /// <summary>A vector of uoffsets to already written tables or strings.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        Prep(4, 4 * offsets.Length);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            PutOffset(offsets[i]);
        }

        PutInt32(offsets.Length);
        return Offset;
    }

    public void StartTable(int fieldCount)
    {
        if (_slots.Length < fieldCount)
        {
            _slots = new int[fieldCount];
        }

        Array.Clear(_slots, 0, fieldCount);
        _fieldCount = fieldCount;
        _tableStart = Offset;
    }

    public void AddByte(int slot, byte value)
    {
        Prep(1, 0);
        PutByte(value);
        _slots[slot] = Offset;
    }

    public void AddBool(int slot, bool value) => AddByte(slot, value ? (byte)1 : (byte)0);

    public void AddInt32(int slot, int value)
    {
        Prep(4, 0);
        PutInt32(value);
        _slots[slot] = Offset;
    }

    public void AddUInt32(int slot, uint value) => AddInt32(slot, unchecked((int)value));

    public void AddSingle(int slot, float value)
    {
        Prep(4, 0);
        PutSingle(value);
        _slots[slot] = Offset;
    }

    /// <summary>Records that field <paramref name="slot"/> was written at <paramref name="offset"/> (for hand-written fields).</summary>
    public void SetSlot(int slot, int offset) => _slots[slot] = offset;

    public void AddOffset(int slot, int offset)
    {
        PutOffset(offset);
        _slots[slot] = Offset;
    }

    public int EndTable()
    {
        Prep(4, 0);
        PutInt32(0); // soffset to the vtable, patched below
        var tableOffset = Offset;

        var used = _fieldCount;
        while (used > 0 && _slots[used - 1] == 0)
        {
            used--;
        }

        for (var i = used - 1; i >= 0; i--)
        {
            PutInt16((short)(_slots[i] != 0 ? tableOffset - _slots[i] : 0));
        }

        PutInt16((short)(tableOffset - _tableStart));
        var vtableSize = (used + 2) * 2;
        PutInt16((short)vtableSize);
        int vtableOffset;
        if (SharedVTable(vtableSize) is { } shared)
        {
            _space += vtableSize; // the copy just written is dropped; the table points at the earlier one
            vtableOffset = shared;
        }
        else
        {
            vtableOffset = Offset;
            _vtables.Add(vtableOffset);
        }

        // The table's soffset: vtable position = table position - soffset.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - tableOffset), vtableOffset - tableOffset);
        return tableOffset;
    }

    /// <summary>The offset of an earlier vtable byte-identical to the one just written (its <paramref name="size"/> bytes at the head), or null.</summary>
    private int? SharedVTable(int size)
    {
        var fresh = _buffer.AsSpan(_space, size);
        foreach (var offset in _vtables)
        {
            var earlier = _buffer.AsSpan(_buffer.Length - offset);
            if (BinaryPrimitives.ReadInt16LittleEndian(earlier) == size && earlier[..size].SequenceEqual(fresh))
            {
                return offset;
            }
        }

        return null;
    }

    /// <summary>Writes the root offset and file identifier and returns the finished bytes.</summary>
    public byte[] Finish(int root, string fileIdentifier)
    {
        var identifier = Encoding.ASCII.GetBytes(fileIdentifier);
        Prep(Math.Max(_minAlign, 4), 8);
        for (var i = identifier.Length - 1; i >= 0; i--)
        {
            PutByte(identifier[i]);
        }

        PutOffset(root);
        return _buffer.AsSpan(_space).ToArray();
    }

    /// <summary>The element type and the exact bytes: vectors of different types never share, even when their bytes agree.</summary>
    private static string SharedKey(char elementType, ReadOnlySpan<byte> bytes) => elementType + Convert.ToHexString(bytes);

    private void PutBytesRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        _space -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_space));
    }

    private void Ensure(int bytes)
    {
        if (_space >= bytes)
        {
            return;
        }

        var used = Offset;
        var newSize = Math.Max(_buffer.Length * 2, used + bytes + 64);
        var grown = new byte[newSize];
        _buffer.AsSpan(_space).CopyTo(grown.AsSpan(newSize - used));
        _buffer = grown;
        _space = newSize - used;
    }
}
