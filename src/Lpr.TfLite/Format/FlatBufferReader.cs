using System.Buffers.Binary;
using System.Text;

namespace Lpr.TfLite.Format;

/// <summary>
/// Bounds-checked access to a flatbuffer. Every offset, vtable and vector length is checked against
/// the buffer before it is used, so a corrupt file can only produce a <see cref="ModelFormatException"/>.
/// A work budget caps the total number of elements decoded, so a small file whose tables all point at
/// the same large vector cannot make the reader allocate without bound.
/// </summary>
internal sealed class FlatBufferReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private long _budget;

    public FlatBufferReader(ReadOnlyMemory<byte> memory)
    {
        _memory = memory;

        // Generous for any honest file (each decoded element occupies at least one byte of the file,
        // and shared vectors are rare), small enough to stop amplification.
        _budget = (4L * memory.Length) + 1_000_000;
    }

    public int Length => _memory.Length;

    public ReadOnlyMemory<byte> Memory => _memory;

    private ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>The root table (uoffset at position 0).</summary>
    public FlatTable Root()
    {
        if (Length < 8)
        {
            throw new ModelFormatException($"The file is too short ({Length} bytes) to be a flatbuffer.");
        }

        return TableAt(IndirectAt(0, "root table"), "root table");
    }

    /// <summary>The 4-character file identifier stored after the root offset.</summary>
    public string FileIdentifier()
    {
        Require(4, 4, "file identifier");
        return Encoding.ASCII.GetString(Span.Slice(4, 4));
    }

    public byte ReadByte(long position, string what)
    {
        Require(position, 1, what);
        return Span[(int)position];
    }

    public ushort ReadUInt16(long position, string what)
    {
        Require(position, 2, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(Span[(int)position..]);
    }

    public int ReadInt32(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadInt32LittleEndian(Span[(int)position..]);
    }

    public uint ReadUInt32(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(Span[(int)position..]);
    }

    public long ReadInt64(long position, string what)
    {
        Require(position, 8, what);
        return BinaryPrimitives.ReadInt64LittleEndian(Span[(int)position..]);
    }

    public ulong ReadUInt64(long position, string what)
    {
        Require(position, 8, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(Span[(int)position..]);
    }

    public float ReadSingle(long position, string what)
    {
        Require(position, 4, what);
        return BinaryPrimitives.ReadSingleLittleEndian(Span[(int)position..]);
    }

    /// <summary>Follows the uoffset stored at <paramref name="position"/>.</summary>
    public long IndirectAt(long position, string what)
    {
        var offset = ReadUInt32(position, what);
        var target = position + offset;
        if (offset == 0 || target >= Length)
        {
            throw new ModelFormatException($"The {what} offset {offset} at byte {position} points outside the file ({Length} bytes).");
        }

        return target;
    }

    /// <summary>The table at <paramref name="position"/>, with its vtable checked.</summary>
    public FlatTable TableAt(long position, string what)
    {
        var soffset = ReadInt32(position, what);
        var vtable = position - soffset;
        if (vtable < 0 || vtable + 4 > Length)
        {
            throw new ModelFormatException($"The {what} at byte {position} has a vtable outside the file.");
        }

        var vtableSize = ReadUInt16(vtable, what + " vtable");
        var tableSize = ReadUInt16(vtable + 2, what + " vtable");
        if (vtableSize < 4 || (vtableSize & 1) != 0 || vtable + vtableSize > Length)
        {
            throw new ModelFormatException($"The {what} at byte {position} has an invalid vtable (size {vtableSize}).");
        }

        if (tableSize < 4 || position + tableSize > Length)
        {
            throw new ModelFormatException($"The {what} at byte {position} extends past the end of the file.");
        }

        Spend(vtableSize / 2, what);
        return new FlatTable(this, position, vtable, vtableSize, tableSize, what);
    }

    /// <summary>Position and element count of the vector at <paramref name="position"/>, checked to fit in the file.</summary>
    public (long Start, int Count) VectorAt(long position, int elementSize, string what)
    {
        var count = ReadUInt32(position, what + " length");
        var start = position + 4;
        if (count > int.MaxValue || start + ((long)count * elementSize) > Length)
        {
            throw new ModelFormatException($"The {what} at byte {position} claims {count} elements, more than the file holds.");
        }

        Spend(count, what);
        return (start, (int)count);
    }

    public string StringAt(long position, string what)
    {
        var (start, count) = VectorAt(position, 1, what);
        try
        {
            return new UTF8Encoding(false, true).GetString(Span.Slice((int)start, count));
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException($"The {what} at byte {position} is not valid UTF-8.", e);
        }
    }

    public ReadOnlyMemory<byte> Slice(long start, long length, string what)
    {
        Require(start, length, what);
        return _memory.Slice((int)start, (int)length);
    }

    public void Require(long position, long size, string what)
    {
        if (position < 0 || size < 0 || position + size > Length)
        {
            throw new ModelFormatException($"The {what} (bytes {position}..{position + size}) lies outside the file ({Length} bytes).");
        }
    }

    private void Spend(long elements, string what)
    {
        _budget -= elements;
        if (_budget < 0)
        {
            throw new ModelFormatException(
                $"The file references far more data than it holds (at the {what}); it is corrupt or crafted.");
        }
    }
}

/// <summary>A flatbuffer table whose vtable has been checked; fields are read by slot index.</summary>
internal readonly struct FlatTable
{
    private readonly FlatBufferReader _reader;
    private readonly long _vtable;
    private readonly int _vtableSize;
    private readonly int _tableSize;

    public FlatTable(FlatBufferReader reader, long position, long vtable, int vtableSize, int tableSize, string what)
    {
        _reader = reader;
        Position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
        _tableSize = tableSize;
        What = what;
    }

    public long Position { get; }

    public string What { get; }

    /// <summary>Absolute position of field <paramref name="slot"/>, or -1 when absent.</summary>
    public long FieldPosition(int slot, int size)
    {
        var entry = 4 + (2 * slot);
        if (entry + 2 > _vtableSize)
        {
            return -1;
        }

        var offset = _reader.ReadUInt16(_vtable + entry, What + " vtable");
        if (offset == 0)
        {
            return -1;
        }

        if (offset + size > _tableSize)
        {
            throw new ModelFormatException($"Field {slot} of the {What} at byte {Position} lies outside the table.");
        }

        return Position + offset;
    }

    public bool Has(int slot) => FieldPosition(slot, 1) >= 0;

    public byte GetByte(int slot, byte defaultValue = 0)
    {
        var p = FieldPosition(slot, 1);
        return p < 0 ? defaultValue : _reader.ReadByte(p, What);
    }

    public bool GetBool(int slot, bool defaultValue = false)
    {
        var p = FieldPosition(slot, 1);
        return p < 0 ? defaultValue : _reader.ReadByte(p, What) != 0;
    }

    public int GetInt32(int slot, int defaultValue = 0)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? defaultValue : _reader.ReadInt32(p, What);
    }

    public uint GetUInt32(int slot, uint defaultValue = 0)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? defaultValue : _reader.ReadUInt32(p, What);
    }

    public ulong GetUInt64(int slot, ulong defaultValue = 0)
    {
        var p = FieldPosition(slot, 8);
        return p < 0 ? defaultValue : _reader.ReadUInt64(p, What);
    }

    public float GetSingle(int slot, float defaultValue = 0)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? defaultValue : _reader.ReadSingle(p, What);
    }

    public string? GetString(int slot, string name)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? null : _reader.StringAt(_reader.IndirectAt(p, $"{What} {name}"), $"{What} {name}");
    }

    public FlatTable? GetTable(int slot, string name)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? null : _reader.TableAt(_reader.IndirectAt(p, $"{What} {name}"), name);
    }

    /// <summary>Start and count of a vector of scalars of <paramref name="elementSize"/> bytes; (0, 0) when absent.</summary>
    public (long Start, int Count) GetVector(int slot, int elementSize, string name)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? (0, 0) : _reader.VectorAt(_reader.IndirectAt(p, $"{What} {name}"), elementSize, $"{What} {name}");
    }

    public int[] GetInt32Vector(int slot, string name)
    {
        var (start, count) = GetVector(slot, 4, name);
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _reader.ReadInt32(start + (4L * i), name);
        }

        return result;
    }

    public long[] GetInt64Vector(int slot, string name)
    {
        var (start, count) = GetVector(slot, 8, name);
        var result = new long[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _reader.ReadInt64(start + (8L * i), name);
        }

        return result;
    }

    public float[] GetSingleVector(int slot, string name)
    {
        var (start, count) = GetVector(slot, 4, name);
        var result = new float[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = _reader.ReadSingle(start + (4L * i), name);
        }

        return result;
    }

    public ReadOnlyMemory<byte> GetBytes(int slot, string name)
    {
        var (start, count) = GetVector(slot, 1, name);
        return count == 0 ? ReadOnlyMemory<byte>.Empty : _reader.Slice(start, count, name);
    }

    /// <summary>The tables of a vector of tables; empty when absent.</summary>
    public FlatTable[] GetTableVector(int slot, string name)
    {
        var (start, count) = GetVector(slot, 4, name);
        var result = new FlatTable[count];
        for (var i = 0; i < count; i++)
        {
            var element = start + (4L * i);
            result[i] = _reader.TableAt(_reader.IndirectAt(element, $"{name}[{i}]"), $"{name}[{i}]");
        }

        return result;
    }
}
