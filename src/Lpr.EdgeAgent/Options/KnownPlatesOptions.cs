namespace Lpr.EdgeAgent.Options;

/// <summary>One known plate in configuration (<c>Lpr:KnownPlates:Plates:N</c>).</summary>
public sealed class KnownPlateOptions
{
    public string Plate { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<string> Tags { get; } = [];
}

/// <summary>
/// Plates the operator knows (<c>Lpr:KnownPlates</c>): listed here and/or in a JSON file that is reloaded when
/// it changes (an array of <c>{ "plate": "12가3456", "name": "…", "tags": ["residents"] }</c>).
/// </summary>
public sealed class KnownPlatesOptions
{
    public const string SectionName = "Lpr:KnownPlates";

    public List<KnownPlateOptions> Plates { get; } = [];

    /// <summary>Optional JSON file of known plates; relative paths are resolved against the application's directory.</summary>
    public string? File { get; set; }

    /// <summary>Largest grammar-respecting edit distance still reported as a match (0 = exact only).</summary>
    public int MaxDistance { get; set; } = 1;
}
