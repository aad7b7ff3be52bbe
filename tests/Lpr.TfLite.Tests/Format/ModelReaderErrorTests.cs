using System.Buffers.Binary;
using Lpr.TfLite.Format;
using Lpr.TfLite.Model;

namespace Lpr.TfLite.Tests.Format;

public class ModelReaderErrorTests
{
    [Fact]
    public void A_file_that_is_not_a_model_is_rejected_by_identifier()
    {
        var png = new byte[64];
        "\x89PNG\r\n\x1a\n"u8.ToArray().CopyTo(png, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(png, 16);
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(png));
        Assert.Contains("Not a TFLite model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiny_and_empty_files_are_rejected()
    {
        Assert.Throws<ModelFormatException>(() => ModelReader.Read(Array.Empty<byte>()));
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(new byte[] { 1, 2, 3 }));
        Assert.Contains("too short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_valid_model_is_rejected_or_loses_only_padding()
    {
        var bytes = SampleModels.SmallCtcRecognizer().ToBytes();
        var rejected = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes.AsMemory(0, length);
            try
            {
                // Trailing alignment padding carries nothing: cutting it must give back the very same model.
                Assert.Equal(bytes, ModelWriter.Write(ModelReader.Read(truncated)));
            }
            catch (ModelFormatException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > bytes.Length - 16, $"only {rejected} of {bytes.Length} truncations were rejected");
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.tflite");
        var e = Assert.Throws<FileNotFoundException>(() => ModelReader.ReadFile(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_data_of_the_wrong_size_names_the_tensor()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 3]);
        var w = b.AddTensor("dense/kernel", TensorType.Float32, [2, 3], data: new byte[20]); // needs 24
        var y = b.AddTensor("y", TensorType.Float32, [1, 2]);
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, -1], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("tensor 1 ('dense/kernel')", e.Message, StringComparison.Ordinal);
        Assert.Contains("20 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 24", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_tensor_index_names_the_operator()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var y = b.AddTensor("y", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Relu, [x, 9], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("operator 0 (RELU)", e.Message, StringComparison.Ordinal);
        Assert.Contains("tensor 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_tensor_before_it_is_written_is_reported_as_out_of_order()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var a = b.AddTensor("a", TensorType.Float32, [4]);
        var c = b.AddTensor("c", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Add, [x, c], [a], new AddOptions()); // c is written only later: a cycle in execution order
        b.AddOperator(BuiltinOperator.Relu, [a], [c]);
        b.SetInputs(x);
        b.SetOutputs(c);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("operator 0 (ADD) reads tensor 2 ('c') before any operator writes it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_written_twice_is_rejected()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [4]);
        var y = b.AddTensor("y", TensorType.Float32, [4]);
        b.AddOperator(BuiltinOperator.Relu, [x], [y]);
        b.AddOperator(BuiltinOperator.Relu6, [x], [y]);
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("operator 1 (RELU6) writes tensor 1 ('y'), which is already written", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_of_another_operator_are_rejected()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Float32, [1, 4, 4, 1]);
        var y = b.AddTensor("y", TensorType.Float32, [1, 2, 2, 1]);
        b.AddOperator(BuiltinOperator.MaxPool2D, [x], [y], new Conv2DOptions(Padding.Valid, 2, 2), version: 1);
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("MAX_POOL_2D", e.Message, StringComparison.Ordinal);
        Assert.Contains("Pool2DOptions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_channel_scale_count_must_match_the_quantized_dimension()
    {
        var b = new ModelBuilder();
        var x = b.AddTensor("x", TensorType.Int8, [1, 3], QuantizationParameters.PerTensor(1, 0));
        var w = b.AddConstant<sbyte>("w", TensorType.Int8, [2, 3], [1, 2, 3, 4, 5, 6], QuantizationParameters.PerChannel([0.1f, 0.2f, 0.3f], 0));
        var y = b.AddTensor("y", TensorType.Int8, [1, 2], QuantizationParameters.PerTensor(1, 0));
        b.AddOperator(BuiltinOperator.FullyConnected, [x, w, -1], [y], new FullyConnectedOptions());
        b.SetInputs(x);
        b.SetOutputs(y);
        var e = Assert.Throws<ModelFormatException>(b.Build);
        Assert.Contains("3 per-channel scales, but dimension 0 of its shape has 2 channels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_that_overflow_or_are_negative_are_rejected()
    {
        var overflow = new ModelBuilder();
        var x = overflow.AddTensor("huge", TensorType.Float32, [65536, 65536, 2]);
        overflow.SetInputs(x);
        overflow.SetOutputs(x);
        Assert.Contains("more than", Assert.Throws<ModelFormatException>(overflow.Build).Message, StringComparison.Ordinal);

        var negative = new ModelBuilder();
        var n = negative.AddTensor("negative", TensorType.Float32, [1, -3]);
        negative.SetInputs(n);
        negative.SetOutputs(n);
        Assert.Contains("negative dimension", Assert.Throws<ModelFormatException>(negative.Build).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_subgraphs_is_rejected()
    {
        var model = new TfLiteModel([], [], [ReadOnlyMemory<byte>.Empty]);
        Assert.Contains("no subgraph", Assert.Throws<ModelFormatException>(() => ModelWriter.Write(model)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_schema_version_is_rejected()
    {
        var model = SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).Build();
        var v4 = new TfLiteModel(model.OperatorCodes, model.SubGraphs, model.Buffers, model.Description, version: 4);
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(ModelWriter.Write(v4)));
        Assert.Contains("schema version 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_length_larger_than_the_file_is_rejected_without_allocating_it()
    {
        var bytes = SampleModels.FloatDense([1, 2, 3, 4, 5, 6], [0, 0]).ToBytes();

        // Find the 6-float weight vector (length prefix 24) and claim 2^30 bytes instead.
        var index = FindLengthPrefixedFloats(bytes, [1, 2, 3, 4, 5, 6]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(index), 1 << 30);
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(bytes));
        Assert.Contains("more than the file holds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparse_tensors_are_refused_as_unsupported()
    {
        var e = Assert.Throws<UnsupportedOperatorException>(() => ModelReader.Read(HandMadeModels.OneTensor(sparse: true)));
        Assert.Contains("tensor 0 ('t') is a sparse tensor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_stored_after_the_flatbuffer_are_read_from_their_offset()
    {
        float[] values = [1.5f, -2f, 3.25f, 4f];
        var bytes = HandMadeModels.OneTensor(externalData: values);
        var tensor = ModelReader.Read(bytes).MainGraph.Tensors[0];
        Assert.True(tensor.IsConstant);
        Assert.Equal(values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.Data.Span).ToArray());
    }

    [Fact]
    public void External_buffers_past_the_end_of_the_file_are_rejected()
    {
        var bytes = HandMadeModels.OneTensor(externalData: [1f, 2f, 3f, 4f]);
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(bytes.AsMemory(0, bytes.Length - 4)));
        Assert.Contains("past the end of the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_file_referencing_one_large_vector_many_times_is_rejected_before_decoding_it_all()
    {
        // 3,000 tensors × a shared 20,000-element shape: ~100 KB on disk, 60 million decoded ints.
        var bytes = HandMadeModels.SharedShapeVector(tensorCount: 3000, shapeLength: 20_000);
        Assert.True(bytes.Length < 200_000);
        var e = Assert.Throws<ModelFormatException>(() => ModelReader.Read(bytes));
        Assert.Contains("references far more data than it holds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sharing_a_vector_a_few_times_is_legitimate()
    {
        var model = ModelReader.Read(HandMadeModels.SharedShapeVector(tensorCount: 3, shapeLength: 4));
        Assert.All(model.MainGraph.Tensors, t => Assert.Equal([1, 1, 1, 1], t.Shape));
    }

    private static int FindLengthPrefixedFloats(byte[] bytes, float[] values)
    {
        var pattern = new byte[4 + (4 * values.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(pattern, 4 * values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(pattern.AsSpan(4 + (4 * i)), values[i]);
        }

        var index = bytes.AsSpan().IndexOf(pattern);
        Assert.True(index >= 0, "weight vector not found in the written file");
        return index;
    }
}
