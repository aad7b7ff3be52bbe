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
}
