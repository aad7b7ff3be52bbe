using System.Buffers.Binary;
using Lpr.TfLite.Format;

namespace Lpr.TfLite.Tests.Format;

public class FlatBufferBuilderTests
{
    [Fact]
    public void Tables_of_one_layout_share_a_vtable_and_each_reads_its_own_fields()
    {
        var b = new FlatBufferBuilder();
        var tables = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            b.StartTable(3);
            b.AddInt32(0, 100 + i);
            b.AddInt32(1, 200 + i);
            tables.Add(b.EndTable());
        }

        b.StartTable(3);
        b.AddInt32(2, 7); // another layout: its own vtable
        tables.Add(b.EndTable());
        var vector = b.CreateOffsetVector([.. tables]);
        b.StartTable(1);
        b.AddOffset(0, vector);
        var bytes = b.Finish(b.EndTable(), "TEST");

        var reader = new FlatBufferReader(bytes);
        var (start, count) = reader.VectorAt(reader.IndirectAt(reader.Root().FieldPosition(0, 4), "tables"), 4, "tables");
        var read = Enumerable.Range(0, count).Select(i => reader.TableAt(reader.IndirectAt(start + (4L * i), "table"), "table")).ToArray();
        var vtables = read.Select(t => t.Position - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)t.Position))).ToArray();
        Assert.Equal([100, 101, 102], read.Take(3).Select(t => t.GetInt32(0)));
        Assert.Equal([200, 201, 202], read.Take(3).Select(t => t.GetInt32(1)));
        Assert.All(read.Take(3), t => Assert.False(t.Has(2)));
        Assert.Equal(7, read[3].GetInt32(2));
        Assert.False(read[3].Has(0));
        Assert.Single(vtables.Take(3).Distinct());
        Assert.NotEqual(vtables[0], vtables[3]);
    }

    [Fact]
    public void Shared_vectors_of_equal_elements_are_written_once_and_never_across_element_types()
    {
        var b = new FlatBufferBuilder();
        var zeros = b.CreateSharedInt64Vector([0, 0, 0]);
        var zerosAgain = b.CreateSharedInt64Vector([0, 0, 0]);
        var sameBytesAsFloats = b.CreateSharedSingleVector([0f, 0f, 0f, 0f, 0f, 0f]);
        var unshared = b.CreateInt64Vector([0, 0, 0]);
        var shape = b.CreateSharedInt32Vector([1, 2]);
        var shapeAgain = b.CreateSharedInt32Vector([1, 2]);
        var reversed = b.CreateSharedInt32Vector([2, 1]);
        var scales = b.CreateSharedSingleVector([0.5f, 0.25f]);
        var scalesAgain = b.CreateSharedSingleVector([0.5f, 0.25f]);
        int[] fields = [zerosAgain, sameBytesAsFloats, shapeAgain, reversed, scalesAgain];
        b.StartTable(fields.Length);
        for (var i = fields.Length - 1; i >= 0; i--)
        {
            b.AddOffset(i, fields[i]);
        }

        var bytes = b.Finish(b.EndTable(), "TEST");

        Assert.Equal(zeros, zerosAgain);
        Assert.Equal(shape, shapeAgain);
        Assert.Equal(scales, scalesAgain);
        Assert.Equal(5, new[] { zeros, sameBytesAsFloats, unshared, shape, reversed }.Distinct().Count());
        var reader = new FlatBufferReader(bytes);
        var root = reader.Root();
        long[] Vector(int slot, int size) => ReadVector(reader, root.FieldPosition(slot, 4), size);
        Assert.Equal([0L, 0L, 0L], Vector(0, 8).Select(p => reader.ReadInt64(p, "zero")));
        Assert.Equal(6, Vector(1, 4).Length);
        Assert.Equal([1, 2], Vector(2, 4).Select(p => reader.ReadInt32(p, "shape")));
        Assert.Equal([2, 1], Vector(3, 4).Select(p => reader.ReadInt32(p, "shape")));
        Assert.Equal([0.5f, 0.25f], Vector(4, 4).Select(p => reader.ReadSingle(p, "scale")));
    }

    private static long[] ReadVector(FlatBufferReader reader, long field, int elementSize)
    {
        var (start, count) = reader.VectorAt(reader.IndirectAt(field, "vector"), elementSize, "vector");
        return [.. Enumerable.Range(0, count).Select(i => start + ((long)elementSize * i))];
    }
}
