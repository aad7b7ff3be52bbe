using Lpr.Core.Plates;
using Lpr.Core.Recognition;
using Lpr.Core.Recognition.Evaluation;
using Lpr.Testing;

namespace Lpr.Core.Tests.Recognition;

public sealed class EvaluationTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lpr-eval-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Real_dev_set_is_labelled_by_its_tsv_and_its_names_agree()
    {
        var realDev = Path.Combine(RepoPaths.Shared, "real-dev");
        Assert.SkipUnless(Directory.Exists(realDev), $"{realDev} is not present on this machine.");
        var samples = EvaluationDataset.Load(realDev);
        Assert.Equal(14, samples.Count);
        Assert.All(samples, s => Assert.Equal(EvaluationDataset.LabelFromFileName(s.Path), s.Expected));
        Assert.All(samples, s => Assert.True(PlateGrammar.IsValid(s.Expected), s.Expected));
        Assert.Contains(samples, s => s.Expected == "인천86바3430");
    }

    [Fact]
    public void Without_a_tsv_labels_come_from_file_names_before_the_first_underscore()
    {
        Touch("서울12가3456.png");
        Touch("12가3456_3.jpg");
        Touch(HangulComposition.Decompose("34나5678") + ".JPG");
        Touch("notes.txt");
        var samples = EvaluationDataset.Load(folder.FullName);
        Assert.Equal(["12가3456", "34나5678", "서울12가3456"], samples.Select(s => s.Expected).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_labels_lpr_synth_writes_with_their_type_column_are_read()
    {
        Touch("000000.png");
        Touch("000001.png");
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "000000.png\t433로4444\tWhiteOneRow8\n000001.png\t제주82배3056\tYellowTwoRow\n");

        var samples = EvaluationDataset.Load(folder.FullName);

        Assert.Equal(["433로4444", "제주82배3056"], samples.Select(s => s.Expected));
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "000000.png\t433로4444\tWhiteOneRow8\textra\n");
        Assert.Contains("labels.tsv:1", Assert.Throws<FormatException>(() => EvaluationDataset.Load(folder.FullName)).Message);
    }

    [Fact]
    public void A_tsv_line_without_tab_or_with_a_missing_file_names_the_line()
    {
        Touch("a.png");
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "file\ttext\na.png\t12가3456\n\nb.png 12가3456\n");
        Assert.Contains("labels.tsv:4", Assert.Throws<FormatException>(() => EvaluationDataset.Load(folder.FullName)).Message);
        File.WriteAllText(Path.Combine(folder.FullName, "labels.tsv"), "a.png\t12가3456\nmissing.png\t12가3456\n");
        var error = Assert.Throws<FormatException>(() => EvaluationDataset.Load(folder.FullName));
        Assert.Contains("labels.tsv:2", error.Message);
        Assert.Contains("missing.png", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => EvaluationDataset.Load(Path.Combine(folder.FullName, "nope")));
    }

    [Fact]
    public void Report_counts_exact_and_character_accuracy_and_ends_with_the_accuracy_line()
    {
        var report = new EvaluationReport();
        report.Add(new LabelledCrop("/x/1.jpg", "12가3456"), Reading("12가3456", "12가3456"), 10);
        report.Add(new LabelledCrop("/x/2.jpg", "서울12바3456"), Reading("서울12바3458", "서울12바345"), 20); // 1 of 8 tokens wrong
        report.Add(new LabelledCrop("/x/3.jpg", "123가4567"), Reading("123가4567", "123가45677"), 30);
        report.Add(new LabelledCrop("/x/4.jpg", "12가3456"), null, 40, "unreadable image");

        Assert.Equal(2, report.Correct);
        Assert.Equal(1, report.GreedyCorrect);
        Assert.Equal(0.5, report.Accuracy);
        // tokens: 7 + 8 + 8 + 7 = 30; errors: 0 + 1 + 0 + 7 (empty text) = 8
        Assert.Equal(1 - (8.0 / 30), report.CharacterAccuracy, 9);
        Assert.Equal(20, report.LatencyPercentile(50));
        Assert.Equal(40, report.LatencyPercentile(99));

        using var text = new StringWriter();
        report.WriteText(text);
        var lines = text.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("accuracy: 0.5000 (2/4)", lines[^1]);
        Assert.Contains("exact match (greedy): 0.2500 (1/4)", lines);
        Assert.Contains("  NationalTwoDigit: 0.5000 (1/2)", lines);
        Assert.Contains(lines, l => l.Contains("expected '서울12바3456' got '서울12바3458'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error: unreadable image", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_report_embeds_crops_and_escapes_text()
    {
        var report = new EvaluationReport();
        report.Add(new LabelledCrop("/x/<1>.jpg", "12가3456"), Reading("12가3456", "12가3456"), 1);
        using var html = new StringWriter();
        report.WriteHtml(html, _ => "data:image/jpeg;base64,AAAA");
        var page = html.ToString();
        Assert.Contains("<img src=\"data:image/jpeg;base64,AAAA\"", page);
        Assert.Contains("&lt;1&gt;.jpg", page);
        Assert.Contains("accuracy: 1.0000 (1/1)", page);
        Assert.EndsWith("</html>", page.TrimEnd());
    }

    private static PlateReading Reading(string text, string greedy) => new(text, greedy, PlateGrammar.IsValid(text), 0.9f, []);

    private void Touch(string name) => File.WriteAllBytes(Path.Combine(folder.FullName, name), [1]);
}
