using Lpr.Core.Plates;
using Lpr.Synth.Options;
using Lpr.Synth.Text;
using Lpr.Testing;

namespace Lpr.Synth.Tests;

public sealed class PlateTextSamplerTests
{
    private static readonly IReadOnlyList<string> Labels = File.ReadAllLines(Path.Combine(RepoPaths.Models, "labels.txt"));

    [Fact]
    public void EveryLabelParsesWithTheGrammar()
    {
        var sampler = new PlateTextSampler(new TextOptions());
        var random = new Random(11);
        for (var i = 0; i < 5000; i++)
        {
            var text = sampler.Sample(random);
            var parsed = PlateGrammar.Parse(text.Text);
            Assert.True(parsed.IsValid, $"{text.Text} ({text.Type}): {parsed.Error}");
        }
    }

    [Theory]
    [InlineData(PlateType.WhiteOneRow7, 7, false)]
    [InlineData(PlateType.WhiteOneRow8, 8, false)]
    [InlineData(PlateType.WhiteOneRow8Film, 8, false)]
    [InlineData(PlateType.WhiteShort, 7, false)]
    [InlineData(PlateType.GreenRegional, 8, true)]
    [InlineData(PlateType.GreenRegionalOneDigit, 7, true)]
    [InlineData(PlateType.GreenNational, 7, false)]
    [InlineData(PlateType.YellowTwoRow, 8, true)]
    [InlineData(PlateType.YellowOneRow, 8, true)]
    public void EachDesignFollowsItsNumberingRules(PlateType type, int tokenCount, bool hasRegion)
    {
        var sampler = new PlateTextSampler(new TextOptions());
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var text = sampler.Sample(type, random);
            Assert.Equal(tokenCount, text.Tokens.Count);
            Assert.Equal(hasRegion, PlateVocabulary.IsRegion(text.Tokens[0]));
            var plate = PlateGrammar.Parse(text.Text).Plate;
            Assert.NotNull(plate);
            switch (type)
            {
                case PlateType.YellowOneRow or PlateType.YellowTwoRow:
                    Assert.Contains(plate.Usage, new[] { PlateUsage.Commercial, PlateUsage.Delivery });
                    break;
                case PlateType.GreenRegional or PlateType.GreenRegionalOneDigit:
                    Assert.True(PlateVocabulary.IsPre2004Region(plate.Region!), text.Text);
                    break;
                case PlateType.WhiteShort:
                    Assert.Equal(VehicleType.Passenger, plate.VehicleType);
                    break;
                default:
                    Assert.Contains(plate.Usage, new[] { PlateUsage.Private, PlateUsage.Rental });
                    break;
            }

            if (plate.Usage == PlateUsage.Delivery)
            {
                Assert.Equal(VehicleType.Truck, plate.VehicleType);
            }
        }
    }

    [Fact]
    public void ElectricPlatesHaveTwoAndThreeDigitClasses()
    {
        var sampler = new PlateTextSampler(new TextOptions());
        var random = new Random(3);
        var lengths = Enumerable.Range(0, 300).Select(_ => sampler.Sample(PlateType.Electric, random).Tokens.Count).ToHashSet();
        Assert.Equal([7, 8], lengths.Order());
    }

    [Fact]
    public void All40SyllablesAnd17RegionsAppearWithinAModestCount()
    {
        var sampler = new PlateTextSampler(new TextOptions());
        var random = new Random(1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 3000; i++)
        {
            foreach (var token in sampler.Sample(random).Tokens)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        var hangulAndRegions = Labels.Where(l => !PlateVocabulary.IsDigit(l)).ToList();
        Assert.Equal(57, hangulAndRegions.Count);
        foreach (var label in hangulAndRegions)
        {
            // Uniform enough to learn: even the rarest class shows up at least 15 times in 3000 plates.
            Assert.True(counts.GetValueOrDefault(label) >= 15, $"'{label}' appeared {counts.GetValueOrDefault(label)} times in 3000 plates.");
        }

        Assert.All(counts.Keys, token => Assert.Contains(token, Labels));
    }

    [Fact]
    public void ZeroWeightDesignsNeverAppear()
    {
        var options = new TextOptions { TypeWeights = new() { [PlateType.YellowOneRow] = 1, [PlateType.WhiteShort] = 0 } };
        var sampler = new PlateTextSampler(options);
        var random = new Random(2);
        Assert.All(Enumerable.Range(0, 200).Select(_ => sampler.Sample(random)), t => Assert.Equal(PlateType.YellowOneRow, t.Type));
    }
}
