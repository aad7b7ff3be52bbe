namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// The entry of the known-plates list an event matched: its name, tags (e.g. <c>residents</c>,
/// <c>blocked</c>) and the grammar-respecting edit distance (0 = exact).
/// </summary>
public sealed record PlateEventKnownMatch(string Name, IReadOnlyList<string> Tags, int Distance);
