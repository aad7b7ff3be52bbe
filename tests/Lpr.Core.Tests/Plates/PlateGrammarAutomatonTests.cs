using CsCheck;
using Lpr.Core.Plates;

namespace Lpr.Core.Tests.Plates;

public class PlateGrammarAutomatonTests
{
    [Fact]
    public void Automaton_accepts_exactly_what_the_parser_accepts_on_near_misses()
    {
        PlateGens.NearMissTokens.Sample(tokens =>
        {
            var text = string.Concat(tokens);
            var parsed = PlateGrammar.Parse(text);
            // Re-tokenizing can merge two adjacent syllables into a region; compare on the parser's tokens.
            var parserTokens = parsed.IsValid ? PlateAlphabet.Default.Tokenize(text) : tokens;
            Assert.True(parsed.IsValid == PlateGrammarAutomaton.Accepts(parserTokens), $"{text}: parser {parsed.IsValid} ({parsed.Error})");
        }, iter: 5000);
    }

    [Fact]
    public void Automaton_accepts_every_generated_valid_plate() =>
        PlateGens.Valid.Sample(text => PlateGrammarAutomaton.Accepts(PlateAlphabet.Default.Tokenize(text)), iter: 2000);

    [Fact]
    public void Random_walks_of_the_automaton_are_valid_plates()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var state = PlateGrammarAutomaton.Start;
            var tokens = new List<string>();
            while (!PlateGrammarAutomaton.IsAccepting(state))
            {
                var symbols = PlateGrammarAutomaton.AllowedSymbols(state);
                Assert.NotEmpty(symbols);
                var symbol = symbols[random.Next(symbols.Count)];
                var choices = PlateGens.AllTokens.Where(t => PlateGrammarAutomaton.SymbolOf(t) == symbol).ToArray();
                tokens.Add(choices[random.Next(choices.Length)]);
                state = PlateGrammarAutomaton.Next(state, symbol);
            }

            var text = string.Concat(tokens);
            Assert.True(PlateGrammar.IsValid(text), $"{text}: {PlateGrammar.Parse(text).Error}");
        }, iter: 2000);
    }

    [Fact]
    public void Every_state_is_reachable_and_can_complete()
    {
        var reachable = new HashSet<int> { PlateGrammarAutomaton.Start };
        var frontier = new Queue<int>(reachable);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var symbol in PlateGrammarAutomaton.AllowedSymbols(state))
            {
                if (reachable.Add(PlateGrammarAutomaton.Next(state, symbol)))
                {
                    frontier.Enqueue(PlateGrammarAutomaton.Next(state, symbol));
                }
            }
        }

        Assert.Equal(PlateGrammarAutomaton.StateCount, reachable.Count);
        Assert.Empty(PlateGrammarAutomaton.AllowedSymbols(PlateGrammarAutomaton.Complete));
    }

    [Fact]
    public void Compiled_table_rejects_padding_and_foreign_labels()
    {
        var alphabet = PlateAlphabet.FromLabels(["1", " ", "A", "서울"]);
        var table = PlateGrammarAutomaton.CompileFor(alphabet);
        var start = PlateGrammarAutomaton.Start * alphabet.Count;
        Assert.NotEqual(PlateGrammarAutomaton.Rejected, table[start + 0]);
        Assert.Equal(PlateGrammarAutomaton.Rejected, table[start + 1]);
        Assert.Equal(PlateGrammarAutomaton.Rejected, table[start + 2]);
        Assert.Equal(PlateGrammarAutomaton.Next(PlateGrammarAutomaton.Start, PlateSymbol.Region), table[start + 3]);
    }
}
