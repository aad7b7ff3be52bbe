using Lpr.TfLite.Format;

namespace Lpr.TfLite.Tests.Format;

/// <summary>Files written by real converters that bend the schema in ways TFLite itself accepts.</summary>
public class ConverterQuirksTests
{
    [Fact]
    public void A_per_channel_bias_carrying_the_filter_axis_is_read_along_its_only_axis()
    {
        // As in tflite-micro's person_detect.tflite: TFLite ignores the axis of a 1-D bias, so must we.
        var model = ModelReader.Read(HandMadeModels.PerChannelBiasWithFilterAxis());

        var quantization = model.SubGraphs[0].Tensors[0].Quantization!;
        Assert.Equal(0, quantization.QuantizedDimension);
        Assert.Equal(4, quantization.Scale.Length);
    }

    [Fact]
    public void A_per_channel_axis_outside_a_multi_axis_tensor_is_still_rejected()
    {
        var random = new Random(3);
        var b = new Lpr.TfLite.Model.ModelBuilder();
        var error = Assert.Throws<ModelFormatException>(() =>
        {
            b.AddConstant<sbyte>("w", Lpr.TfLite.Model.TensorType.Int8, [2, 2], SampleModels.RandomInt8(random, 4), Lpr.TfLite.Model.QuantizationParameters.PerChannel([0.1f, 0.2f], 5));
            b.Build();
        });
        Assert.Contains("dimension 5", error.Message);
    }
}
