using System.Runtime.InteropServices;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

/// <summary>
/// Models written field by field with the low-level flatbuffer builder, for schema features and
/// shapes of file that our ModelWriter deliberately never produces (sparsity, buffers stored after the
/// flatbuffer, many tables sharing one vector).
/// </summary>
internal static class HandMadeModels
{
    private const long OffsetMarker = 0x0FEEDF00DFEED;
    private const long SizeMarker = 0x0DEC0DE0DEC0DE;

    /// <summary>One FLOAT32 [4] tensor "t" that is both input and output; optionally sparse or with external data.</summary>
    public static byte[] OneTensor(bool sparse = false, float[]? externalData = null)
    {
        var b = new FlatBufferBuilder();
        var shape = b.CreateInt32Vector([4]);
        var name = b.CreateString("t");
        var sparsity = 0;
        if (sparse)
        {
            b.StartTable(3);
            sparsity = b.EndTable();
        }

        b.StartTable(7);
        b.AddOffset(0, shape);
        b.AddByte(1, 0);
        b.AddUInt32(2, externalData is null ? 0u : 1u);
        b.AddOffset(3, name);
        if (sparsity != 0)
        {
            b.AddOffset(6, sparsity);
        }

        var tensor = b.EndTable();
        var subGraph = SubGraph(b, b.CreateOffsetVector([tensor]));

        b.StartTable(3);
        var buffers = new List<int> { b.EndTable() };
        if (externalData is not null)
        {
            // Buffer.offset (slot 1) and Buffer.size (slot 2) hold markers, patched once the flatbuffer's length is known.
            b.StartTable(3);
            b.Prep(8, 0);
            b.PutInt64(SizeMarker);
            b.SetSlot(2, b.Offset);
            b.Prep(8, 0);
            b.PutInt64(OffsetMarker);
            b.SetSlot(1, b.Offset);
            buffers.Add(b.EndTable());
        }

        var bytes = FinishModel(b, subGraph, [.. buffers]);
        if (externalData is null)
        {
            return bytes;
        }

        var data = MemoryMarshal.AsBytes(externalData.AsSpan()).ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.AsSpan().IndexOf(BitConverter.GetBytes(OffsetMarker))), (long)bytes.Length);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.AsSpan().IndexOf(BitConverter.GetBytes(SizeMarker))), (long)data.Length);
        return [.. bytes, .. data];
    }

    /// <summary>
    /// One INT32 [4] tensor "bias" quantized per channel with quantized_dimension 3, as TOCO-era converters
    /// write a depthwise bias (they copy the filter's channel axis); TFLite accepts such files.
    /// </summary>
    public static byte[] PerChannelBiasWithFilterAxis()
    {
        var b = new FlatBufferBuilder();
        var shape = b.CreateInt32Vector([4]);
        var name = b.CreateString("bias");
        var scales = b.CreateSingleVector([0.001f, 0.002f, 0.003f, 0.004f]);
        var zeroPoints = b.CreateInt64Vector([0, 0, 0, 0]);
        b.StartTable(QuantizationFields.Count);
        b.AddOffset(QuantizationFields.Scale, scales);
        b.AddOffset(QuantizationFields.ZeroPoint, zeroPoints);
        b.AddInt32(QuantizationFields.QuantizedDimension, 3);
        var quantization = b.EndTable();

        b.StartTable(TensorFields.Count);
        b.AddOffset(TensorFields.Shape, shape);
        b.AddByte(TensorFields.Type, 2); // INT32
        b.AddUInt32(TensorFields.Buffer, 0);
        b.AddOffset(TensorFields.Name, name);
        b.AddOffset(TensorFields.Quantization, quantization);
        var tensor = b.EndTable();
        var subGraph = SubGraph(b, b.CreateOffsetVector([tensor]));
        b.StartTable(3);
        return FinishModel(b, subGraph, [b.EndTable()]);
    }

    /// <summary>
    /// One tensor that is both the graph's input and its output, no operator: the smallest file that
    /// declares an activation, of any <paramref name="shape"/> (a few hundred bytes whatever the shape says).
    /// </summary>
    public static byte[] PassThrough(string tensorName, TensorType type, int[] shape)
    {
        var b = new FlatBufferBuilder();
        var shapeVector = b.CreateInt32Vector(shape);
        var name = b.CreateString(tensorName);
        b.StartTable(TensorFields.Count);
        b.AddOffset(TensorFields.Shape, shapeVector);
        b.AddByte(TensorFields.Type, (byte)type);
        b.AddUInt32(TensorFields.Buffer, 0);
        b.AddOffset(TensorFields.Name, name);
        var tensor = b.EndTable();
        var subGraph = SubGraph(b, b.CreateOffsetVector([tensor]));
        b.StartTable(3);
        return FinishModel(b, subGraph, [b.EndTable()]);
    }

    /// <summary>
    /// <paramref name="tensorCount"/> tensors whose shapes all point at the same vector of
    /// <paramref name="shapeLength"/> ones: a small file that would decode into a huge amount of data.
    /// </summary>
    public static byte[] SharedShapeVector(int tensorCount, int shapeLength)
    {
        var b = new FlatBufferBuilder();
        var shape = b.CreateInt32Vector([.. Enumerable.Repeat(1, shapeLength)]);
        var tensors = new int[tensorCount];
        for (var i = 0; i < tensorCount; i++)
        {
            b.StartTable(2);
            b.AddOffset(0, shape);
            tensors[i] = b.EndTable();
        }

        var subGraph = SubGraph(b, b.CreateOffsetVector(tensors));
        b.StartTable(3);
        return FinishModel(b, subGraph, [b.EndTable()]);
    }

    private static int SubGraph(FlatBufferBuilder b, int tensors)
    {
        var inputs = b.CreateInt32Vector([0]);
        var outputs = b.CreateInt32Vector([0]);
        b.StartTable(5);
        b.AddOffset(0, tensors);
        b.AddOffset(1, inputs);
        b.AddOffset(2, outputs);
        return b.EndTable();
    }

    private static byte[] FinishModel(FlatBufferBuilder b, int subGraph, int[] buffers)
    {
        var buffersVector = b.CreateOffsetVector(buffers);
        var subGraphs = b.CreateOffsetVector([subGraph]);
        var codes = b.CreateOffsetVector([]);
        b.StartTable(5);
        b.AddUInt32(0, 3);
        b.AddOffset(1, codes);
        b.AddOffset(2, subGraphs);
        b.AddOffset(4, buffersVector);
        return b.Finish(b.EndTable(), "TFL3");
    }
}
