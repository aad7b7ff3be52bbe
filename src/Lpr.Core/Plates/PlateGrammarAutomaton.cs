namespace Lpr.Core.Plates;

/// <summary>
/// The plate grammar of <see cref="PlateGrammar"/> as a deterministic finite automaton over
/// <see cref="PlateSymbol"/>s. The grammar-constrained CTC decoder walks it while decoding and the
/// synthetic generator walks it to draw valid plates; a property test checks that it accepts
/// exactly the texts <see cref="PlateGrammar.Parse"/> accepts.
/// <code>
/// national : [1-9][0-9][0-9]? H4 | 0[1-9] H4          (H = private/rental syllable; 00 and 0xx are never issued)
/// regional : R [0-9] any-Hangul S                     (1973–1995, legacy; not 세종)
///          | R [0-9][0-9]\00 any-Hangul S              (commercial now; private/rental = 1996–2003 legacy)
///          | 세종 [0-9][0-9]\00 commercial-Hangul S
/// S        : 4 digits, not 0000
/// </code>
/// </summary>
public static class PlateGrammarAutomaton
{
    /// <summary>The value of <see cref="Next"/> when the symbol is not allowed.</summary>
    public const int Rejected = -1;

    /// <summary>The state before any token.</summary>
    public const int Start = 0;

    private static readonly string[] Names =
    [
        "start",
        "national 0", "national 1-9", "national 0x", "national xx", "national xxx",
        "region", "세종",
        "region 0", "region 1-9", "region xx",
        "세종 0", "세종 1-9", "세종 xx",
        "hangul",
        "serial 0", "serial x", "serial 00", "serial xx", "serial 000", "serial xxx",
        "complete",
    ];

    private static readonly int SymbolCount = Enum.GetValues<PlateSymbol>().Length;

    private static readonly int[] Table = BuildTable();

    /// <summary>Number of states; states are 0 … StateCount-1, <see cref="Start"/> is 0.</summary>
    public static int StateCount => Names.Length;

    /// <summary>The only accepting state: all tokens of a plate have been read.</summary>
    public static int Complete => Names.Length - 1;

    /// <summary>A short human-readable name of a state (for diagnostics and generator logs).</summary>
    public static string StateName(int state) => Names[state];

    public static bool IsAccepting(int state) => state == Complete;

    /// <summary>The state after reading <paramref name="symbol"/> in <paramref name="state"/>, or <see cref="Rejected"/>.</summary>
    public static int Next(int state, PlateSymbol symbol)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(state, StateCount);
        return Table[(state * SymbolCount) + (int)symbol];
    }

    /// <summary>The symbols that have a transition out of <paramref name="state"/>.</summary>
    public static IReadOnlyList<PlateSymbol> AllowedSymbols(int state) =>
        [.. Enum.GetValues<PlateSymbol>().Where(s => Next(state, s) != Rejected)];

    /// <summary>The grammar symbol of a plate token, or null when the token is not a plate character.</summary>
    public static PlateSymbol? SymbolOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return PlateVocabulary.Categorize(token) switch
        {
            PlateTokenCategory.Digit => token == "0" ? PlateSymbol.ZeroDigit : PlateSymbol.NonZeroDigit,
            PlateTokenCategory.Hangul => PlateVocabulary.UsageOf(token) is PlateUsage.Commercial or PlateUsage.Delivery
                ? PlateSymbol.CommercialHangul
                : PlateSymbol.NonCommercialHangul,
            PlateTokenCategory.Region => PlateVocabulary.IsPre2004Region(token) ? PlateSymbol.Region : PlateSymbol.RegionSince2012,
            _ => null,
        };
    }

    /// <summary>Runs the automaton over a token sequence; true when it ends in the accepting state.</summary>
    public static bool Accepts(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var state = Start;
        foreach (var token in tokens)
        {
            if (SymbolOf(token) is not { } symbol || (state = Next(state, symbol)) == Rejected)
            {
                return false;
            }
        }

        return IsAccepting(state);
    }

    /// <summary>
    /// The transition table for the classes of <paramref name="alphabet"/>: entry
    /// [state * alphabet.Count + class] is the next state, or <see cref="Rejected"/> for padding,
    /// non-plate labels and disallowed tokens. Decoders compile this once.
    /// </summary>
    public static int[] CompileFor(PlateAlphabet alphabet)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        var table = new int[StateCount * alphabet.Count];
        for (var c = 0; c < alphabet.Count; c++)
        {
            var symbol = alphabet.IsPadding(c) ? null : SymbolOf(alphabet[c]);
            for (var state = 0; state < StateCount; state++)
            {
                table[(state * alphabet.Count) + c] = symbol is { } s ? Next(state, s) : Rejected;
            }
        }

        return table;
    }

    private static int[] BuildTable()
    {
        var table = new int[Names.Length * SymbolCount];
        Array.Fill(table, Rejected);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            state[Names[i]] = i;
        }

        void On(string from, PlateSymbol symbol, string to) => table[(state[from] * SymbolCount) + (int)symbol] = state[to];

        void OnDigit(string from, string to) { On(from, PlateSymbol.ZeroDigit, to); On(from, PlateSymbol.NonZeroDigit, to); }

        void OnHangul(string from, string to) { On(from, PlateSymbol.NonCommercialHangul, to); On(from, PlateSymbol.CommercialHangul, to); }

        // National plates: no region, private or rental syllable only (commercial plates carry a region, art. 6).
        On("start", PlateSymbol.ZeroDigit, "national 0");
        On("start", PlateSymbol.NonZeroDigit, "national 1-9");
        On("national 0", PlateSymbol.NonZeroDigit, "national 0x");
        OnDigit("national 1-9", "national xx");
        OnDigit("national xx", "national xxx");
        foreach (var digits in new[] { "national 0x", "national xx", "national xxx" })
        {
            On(digits, PlateSymbol.NonCommercialHangul, "hangul");
        }

        // Regional plates: one digit (1973–1995) or two digits (not 00), any syllable.
        On("start", PlateSymbol.Region, "region");
        On("region", PlateSymbol.ZeroDigit, "region 0");
        On("region", PlateSymbol.NonZeroDigit, "region 1-9");
        On("region 0", PlateSymbol.NonZeroDigit, "region xx");
        OnDigit("region 1-9", "region xx");
        OnHangul("region 0", "hangul");
        OnHangul("region 1-9", "hangul");
        OnHangul("region xx", "hangul");

        // 세종 exists since 2012: no 1-digit or green (private-syllable) plates.
        On("start", PlateSymbol.RegionSince2012, "세종");
        On("세종", PlateSymbol.ZeroDigit, "세종 0");
        On("세종", PlateSymbol.NonZeroDigit, "세종 1-9");
        On("세종 0", PlateSymbol.NonZeroDigit, "세종 xx");
        OnDigit("세종 1-9", "세종 xx");
        On("세종 xx", PlateSymbol.CommercialHangul, "hangul");

        // Serial: four digits, 0000 is not issued.
        On("hangul", PlateSymbol.ZeroDigit, "serial 0");
        On("hangul", PlateSymbol.NonZeroDigit, "serial x");
        On("serial 0", PlateSymbol.ZeroDigit, "serial 00");
        On("serial 0", PlateSymbol.NonZeroDigit, "serial xx");
        OnDigit("serial x", "serial xx");
        On("serial 00", PlateSymbol.ZeroDigit, "serial 000");
        On("serial 00", PlateSymbol.NonZeroDigit, "serial xxx");
        OnDigit("serial xx", "serial xxx");
        On("serial 000", PlateSymbol.NonZeroDigit, "complete");
        OnDigit("serial xxx", "complete");
        return table;
    }
}
