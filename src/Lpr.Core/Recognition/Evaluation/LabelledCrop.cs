namespace Lpr.Core.Recognition.Evaluation;

/// <summary>One evaluation sample: an image file and the plate text it shows.</summary>
public sealed record LabelledCrop(string Path, string Expected);
