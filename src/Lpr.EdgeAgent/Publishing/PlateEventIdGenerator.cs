using System.Security.Cryptography;

namespace Lpr.EdgeAgent.Publishing;

/// <summary>
/// Makes event ids that sort by creation time as plain strings: ULIDs (26 Crockford base-32 characters,
/// 48-bit Unix milliseconds then 80 random bits). Ids made within the same millisecond — or while the clock
/// steps backwards — increment the random part instead of drawing a new one, so the ids of one agent are
/// strictly increasing; the random part keeps ids of different agents apart.
/// </summary>
public sealed class PlateEventIdGenerator
{
    /// <summary>Length of every id.</summary>
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;

    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private long _lastMilliseconds = -1;
    private UInt128 _lastRandom;

    public PlateEventIdGenerator(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The next id, greater (ordinal) than every id this instance made before.</summary>
    public string Next()
    {
        var milliseconds = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        UInt128 random;
        lock (_gate)
        {
            if (milliseconds <= _lastMilliseconds)
            {
                milliseconds = _lastMilliseconds;
                random = (_lastRandom + 1) & RandomMask;
                if (random == UInt128.Zero)
                {
                    // 2^80 ids in one millisecond cannot happen; borrow the next millisecond to stay monotonic.
                    milliseconds++;
                }
            }
            else
            {
                random = DrawRandom();
            }

            _lastMilliseconds = milliseconds;
            _lastRandom = random;
        }

        return Encode(((UInt128)(ulong)milliseconds << 80) | random);
    }

    /// <summary>Whether <paramref name="id"/> has the shape of an id made here (length and alphabet).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) && id[0] <= '7';

    /// <summary>The creation time encoded in the first ten characters of <paramref name="id"/>.</summary>
    public static DateTimeOffset GetTimestamp(string id)
    {
        if (!IsWellFormed(id))
        {
            throw new FormatException($"'{id}' is not a {Length}-character event id.");
        }

        long milliseconds = 0;
        for (var i = 0; i < 10; i++)
        {
            milliseconds = (milliseconds << 5) | (long)Alphabet.IndexOf(id[i], StringComparison.Ordinal);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private static UInt128 DrawRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..])) & RandomMask;
    }

    private static string Encode(UInt128 value) =>
        string.Create(Length, value, static (chars, v) =>
        {
            for (var i = Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(v & 31)];
                v >>= 5;
            }
        });
}
