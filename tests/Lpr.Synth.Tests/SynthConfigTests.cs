using Lpr.Synth.Options;

namespace Lpr.Synth.Tests;

public sealed class SynthConfigTests
{
    [Theory]
    [InlineData("""{ "degradations": { "jpeg": { "probability": 1.5 } } }""", "degradations.jpeg.probability")]
    [InlineData("""{ "degradations": { "motionBlur": { "strength": -1 } } }""", "degradations.motionBlur.strength")]
    [InlineData("""{ "width": 0 }""", "width")]
    [InlineData("""{ "crop": { "minAspect": 3, "maxAspect": 2 } }""", "crop.maxAspect")]
    [InlineData("""{ "text": { "typeWeights": { "WhiteOneRow7": -2 } } }""", "text.typeWeights.WhiteOneRow7")]
    [InlineData("""{ "text": { "typeWeights": { "PinkPlate": 1 } } }""", "text.typeWeights")]
    [InlineData("""{ "degradations": { "blurr": { "probability": 0.5 } } }""", "blurr")]
    [InlineData("""{ "scene": { "maxPlates": "three" } }""", "scene.maxPlates")]
    [InlineData("""{ "fonts": { "files": ["/nonexistent/font.ttf"] } }""", "fonts.files[0]")]
    [InlineData("""{ "crop": { "tightProbability": 2 } }""", "crop.tightProbability")]
    [InlineData("""{ "crop": { "minPlateWidthShare": 0.99 } }""", "crop.minPlateWidthShare")]
    [InlineData("""{ "crop": { "minPlateHeightShare": 0 } }""", "crop.minPlateHeightShare")]
    [InlineData("""{ "scene": { "freePlateProbability": 1.5 } }""", "scene.freePlateProbability")]
    public void BadConfigIsRejectedNamingTheKey(string json, string key)
    {
        var error = Assert.Throws<SynthConfigException>(() => SynthConfig.Parse(json));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonIsRejected()
    {
        var error = Assert.Throws<SynthConfigException>(() => SynthConfig.Parse("{ \"width\": 12"));
        Assert.StartsWith("Invalid synthesis configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var error = Assert.Throws<SynthConfigException>(() => SynthConfig.Load("/nonexistent/synth.json"));
        Assert.Contains("/nonexistent/synth.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsRoundTripAndKeysLeftOutKeepDefaults()
    {
        var json = SynthConfig.Serialize(new SynthOptions());
        var parsed = SynthConfig.Parse(json);
        Assert.Equal(SynthConfig.Serialize(parsed), json);

        var partial = SynthConfig.Parse("""{ "height": 32, "degradations": { "rain": { "probability": 0.5 } } }""");
        Assert.Equal(32, partial.Height);
        Assert.Equal(128, partial.Width);
        Assert.Equal(0.5, partial.Degradations.Rain.Probability);
        Assert.Equal(new SynthOptions().Degradations.Jpeg.Probability, partial.Degradations.Jpeg.Probability);
    }
}
