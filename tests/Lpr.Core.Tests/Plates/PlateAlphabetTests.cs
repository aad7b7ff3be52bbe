using Lpr.Core.Plates;
using Lpr.Testing;

namespace Lpr.Core.Tests.Plates;

public class PlateAlphabetTests
{
    [Fact]
    public void Default_alphabet_is_labels_txt_in_file_order()
    {
        var fromFile = File.ReadAllLines(Path.Combine(RepoPaths.Models, "labels.txt"));
        Assert.Equal(fromFile, PlateAlphabet.Default.Labels);
        Assert.Equal(67, PlateAlphabet.Default.Count);
    }

    [Fact]
    public void Labels_txt_holds_exactly_the_vocabulary_digits_then_hangul_then_regions()
    {
        string[] expected = [.. Enumerable.Range(0, 10).Select(d => d.ToString()), .. PlateVocabulary.AllHangul, .. PlateVocabulary.Regions];
        Assert.Equal(expected, PlateAlphabet.Default.Labels);
        Assert.Equal(40, PlateVocabulary.AllHangul.Distinct().Count());
        Assert.Equal(17, PlateVocabulary.Regions.Distinct().Count());
    }

    [Theory]
    [InlineData("7", PlateTokenCategory.Digit)]
    [InlineData("가", PlateTokenCategory.Hangul)]
    [InlineData("배", PlateTokenCategory.Hangul)]
    [InlineData("제주", PlateTokenCategory.Region)]
    [InlineData(" ", PlateTokenCategory.Padding)]
    [InlineData("", PlateTokenCategory.Padding)]
    [InlineData("김", PlateTokenCategory.Other)]
    [InlineData("A", PlateTokenCategory.Other)]
    [InlineData("12", PlateTokenCategory.Other)]
    public void Categorizes_labels(string label, PlateTokenCategory expected) =>
        Assert.Equal(expected, PlateVocabulary.Categorize(label));

    [Fact]
    public void Tokenizer_keeps_region_names_whole()
    {
        Assert.Equal(["서울", "1", "2", "가", "3", "4", "5", "6"], PlateAlphabet.Default.Tokenize("서울12가3456"));
        Assert.Equal(["경", "1"], PlateAlphabet.FromLabels(["경", "1", "경기"]).Tokenize("경1"));
    }

    [Fact]
    public void Tokenizer_names_the_character_it_cannot_match()
    {
        var error = Assert.Throws<FormatException>(() => PlateAlphabet.Default.Tokenize("12X가"));
        Assert.Contains("'X'", error.Message);
        Assert.Contains("position 2", error.Message);
    }

    [Fact]
    public void Whitespace_labels_are_padding_and_not_tokens()
    {
        var alphabet = PlateAlphabet.FromLabels([" ", "1", "", "가", "\t"]);
        Assert.True(alphabet.IsPadding(0));
        Assert.True(alphabet.IsPadding(2));
        Assert.True(alphabet.IsPadding(4));
        Assert.Equal(1, alphabet.IndexOf("1"));
        Assert.Equal(-1, alphabet.IndexOf(" "));
        Assert.Equal(["1", "가"], alphabet.Tokenize("1가"));
    }

    [Fact]
    public void Duplicate_labels_are_rejected_with_both_classes_named()
    {
        var error = Assert.Throws<FormatException>(() => PlateAlphabet.FromLabels(["1", "가", "1"]));
        Assert.Contains("class 0", error.Message);
        Assert.Contains("class 2", error.Message);
    }

    [Fact]
    public void Labels_file_content_with_crlf_and_a_final_newline_parses()
    {
        var alphabet = PlateAlphabet.ParseLines("0\r\n1\r\n \r\n가\r\n");
        Assert.Equal(["0", "1", " ", "가"], alphabet.Labels);
    }
}
