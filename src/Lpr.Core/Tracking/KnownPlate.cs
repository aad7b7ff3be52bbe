namespace Lpr.Core.Tracking;

/// <summary>A plate the operator knows, with a name and tags (e.g. <c>residents</c>, <c>blocked</c>) a gate controller acts on.</summary>
public sealed record KnownPlate(string Plate, string Name, IReadOnlyList<string> Tags);

/// <summary>A read plate matched to a known one; <paramref name="Distance"/> 0 is exact.</summary>
public sealed record KnownPlateMatch(KnownPlate Plate, int Distance);
