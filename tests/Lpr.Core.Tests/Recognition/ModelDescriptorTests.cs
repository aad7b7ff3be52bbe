using Lpr.Core.Plates;
using Lpr.Core.Recognition;

namespace Lpr.Core.Tests.Recognition;

public class ModelDescriptorTests
{
    private const string Example = """
        { "task": "plate-recognition",
          "input": { "width": 128, "height": 64, "channels": 1, "resize": "keep-aspect-center", "interpolation": "area" },
          // comments and trailing commas are tolerated
          "labels": ["0", "1", " ", "가"],
          "blank": 4, }
        """;

    [Fact]
    public void Parses_the_issue_format()
    {
        var descriptor = ModelDescriptor.Parse(Example);
        Assert.Equal(128, descriptor.Input!.Width);
        Assert.Equal(64, descriptor.Input.Height);
        Assert.Equal(ResizeMode.KeepAspectCenter, descriptor.Input.Resize);
        Assert.Equal(InterpolationMode.Area, descriptor.Input.Interpolation);
        Assert.Equal(5, descriptor.ClassCount);
        Assert.True(descriptor.Alphabet.IsPadding(2));
        Assert.Equal((0f, 1f), (descriptor.Input.RangeMin, descriptor.Input.RangeMax));
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var original = ModelDescriptor.CreateDefault(96, 32, 3, ResizeMode.KeepAspectTopLeft, InterpolationMode.Nearest);
        var json = original.ToJson();
        Assert.Contains("\"keep-aspect-top-left\"", json);
        var copy = ModelDescriptor.Parse(json);
        Assert.Equal(original.Input, copy.Input);
        Assert.Equal(PlateAlphabet.Default.Labels, copy.Labels);
        Assert.Equal(67, copy.Blank);
        Assert.Equal(68, copy.ClassCount);
    }

    [Theory]
    [InlineData("""{"task":"detect","input":{"width":1,"height":1},"labels":["0"],"blank":1}""", "'task'")]
    [InlineData("""{"task":"plate-recognition","labels":["0"],"blank":1}""", "'input' is missing")]
    [InlineData("""{"task":"plate-recognition","input":{"width":0,"height":1},"labels":["0"],"blank":1}""", "'input.width' is 0")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":99999},"labels":["0"],"blank":1}""", "'input.height' is 99999")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1,"channels":4},"labels":["0"],"blank":1}""", "'input.channels' is 4")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1,"resize":"fit"},"labels":["0"],"blank":1}""", "$.input.resize")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1,"range":[1,1]},"labels":["0"],"blank":1}""", "'input.range'")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":[],"blank":0}""", "'labels' is missing or empty")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":["0","0"],"blank":2}""", "'labels': Label '0' appears twice")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":["가"],"blank":1}""", "no digit")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":["0"]}""", "'blank' is missing")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":["0"],"blank":2}""", "'blank' is 2")]
    [InlineData("""{"task":"plate-recognition","input":{"width":1,"height":1},"labels":["0"],"blank":-1}""", "'blank' is -1")]
    [InlineData("""{"task": """, "invalid JSON")]
    [InlineData("null", "null")]
    public void Invalid_descriptors_are_rejected_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<ModelDescriptorException>(() => ModelDescriptor.Parse(json, "m.json"));
        Assert.StartsWith("m.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Descriptor_is_found_beside_the_model_also_for_edgetpu_files()
    {
        var folder = Directory.CreateTempSubdirectory("lpr-descriptor-");
        try
        {
            var model = Path.Combine(folder.FullName, "rec.tflite");
            Assert.Equal(Path.Combine(folder.FullName, "rec.json"), ModelDescriptor.PathForModel(model));
            var missing = Assert.Throws<ModelDescriptorException>(() => ModelDescriptor.LoadForModel(model));
            Assert.Contains("rec.json", missing.Message);

            File.WriteAllText(Path.Combine(folder.FullName, "rec.json"), ModelDescriptor.CreateDefault(64, 32).ToJson());
            Assert.Equal(64, ModelDescriptor.LoadForModel(model).Input!.Width);
            Assert.Equal(64, ModelDescriptor.LoadForModel(Path.Combine(folder.FullName, "rec_edgetpu.tflite")).Input!.Width);

            var explicitPath = Path.Combine(folder.FullName, "other.json");
            Assert.Contains("not found", Assert.Throws<ModelDescriptorException>(() => ModelDescriptor.LoadForModel(model, explicitPath)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
