namespace Lpr.Core.Tracking;

/// <summary>
/// Finds the known plate closest to a read text within <see cref="MaxDistance"/> (see
/// <see cref="PlateDistance"/>); on equal distance the first entry of the list wins. Immutable, so the
/// agent swaps a whole new matcher in when the list is reloaded.
/// </summary>
public sealed class KnownPlateMatcher
{
    private readonly KnownPlate[] _plates;
    private readonly Dictionary<string, KnownPlate> _exact = new(StringComparer.Ordinal);

    public KnownPlateMatcher(IEnumerable<KnownPlate> plates, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(plates);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        _plates = [.. plates];
        MaxDistance = maxDistance;
        foreach (var plate in _plates)
        {
            _exact.TryAdd(plate.Plate, plate);
        }
    }

    public static KnownPlateMatcher Empty { get; } = new([], 0);

    public int MaxDistance { get; }

    public int Count => _plates.Length;

    public KnownPlateMatch? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_exact.TryGetValue(text, out var exact))
        {
            return new KnownPlateMatch(exact, 0);
        }

        KnownPlateMatch? best = null;
        if (MaxDistance == 0)
        {
            return null;
        }

        foreach (var plate in _plates)
        {
            if (PlateDistance.Between(text, plate.Plate) is int distance && distance <= MaxDistance && (best is null || distance < best.Distance))
            {
                best = new KnownPlateMatch(plate, distance);
            }
        }

        return best;
    }
}
