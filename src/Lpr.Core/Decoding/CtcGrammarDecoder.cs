using System.Text;
using Lpr.Core.Plates;
using Lpr.Core.Recognition;

namespace Lpr.Core.Decoding;

/// <summary>
/// Grammar-constrained CTC decoding: the most probable CTC path whose text is a valid plate
/// (<see cref="PlateGrammarAutomaton"/>), found exactly by dynamic programming (Viterbi) over
/// (automaton state × last emitted class or blank). Not "greedy, then regex": a digit the
/// network was unsure of is replaced by the best digit the grammar allows there.
/// <para>
/// DP cells are the pairs (state q, class j) that the automaton can enter q by j, plus one blank
/// cell per state. Per frame, a cell (q, j) continues itself (a CTC repeat) or enters from any
/// cell of a predecessor state q' whose class is not j (the same class twice needs a blank or
/// silent frame in between); a blank cell continues from any cell of its state. Silent classes
/// (blank, padding labels) share the blank cell with the best of their scores, exactly as the
/// greedy decoder treats them, so when the greedy path is a valid plate both return the same text.
/// </para>
/// Cost per frame is O(cells × predecessors) ≈ a few hundred operations for our 67 labels.
/// The instance owns its workspace and reuses it across calls (no per-call allocations except the
/// result): not thread-safe, one instance per worker.
/// </summary>
public sealed class CtcGrammarDecoder
{
    private const int FromStart = -1;

    private readonly CtcClassMap map;
    private readonly int stateCount;
    private readonly int[] cellState;
    private readonly int[] cellClass;
    private readonly int[] predecessorStart; // CSR into predecessors, per cell
    private readonly int[] predecessors;
    private readonly bool[] entersFromStart;
    private readonly int[] stateCellStart; // CSR into stateCells, per state
    private readonly int[] stateCells;

    private readonly float[] previousCell;
    private readonly float[] currentCell;
    private readonly float[] previousBlank;
    private readonly float[] currentBlank;
    private readonly float[] bestValue;
    private readonly int[] bestId;
    private readonly int[] bestClass;
    private readonly float[] secondValue;
    private readonly int[] secondId;
    private readonly StringBuilder text = new(16);
    private readonly List<CharacterConfidence> characters = new(16);

    private float[] logProbabilities = [];
    private float[] silentScore = [];
    private int[] backPointers = [];
    private int[] path = [];

    /// <param name="labels">Labels by class index (our labels.txt or a model descriptor's list).</param>
    /// <param name="blankIndex">The CTC blank class.</param>
    /// <param name="classCount">Classes per frame; default max(labels, blank + 1).</param>
    /// <param name="minCharacterProbability">
    /// A plate whose path needs a character the network gave less than this probability at every
    /// frame it spans was invented by the grammar, not read: it is returned as empty. The default is
    /// low on purpose, so a doubtful character still comes back (with a low confidence).
    /// </param>
    public CtcGrammarDecoder(PlateAlphabet labels, int blankIndex, int? classCount = null, float minCharacterProbability = DefaultMinCharacterProbability)
    {
        map = new CtcClassMap(labels, blankIndex, classCount);
        ArgumentOutOfRangeException.ThrowIfNegative(minCharacterProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minCharacterProbability, 1f);
        MinCharacterProbability = minCharacterProbability;
        stateCount = PlateGrammarAutomaton.StateCount;
        var transitions = PlateGrammarAutomaton.CompileFor(labels);
        var labelCount = labels.Count;

        var cellIndex = new Dictionary<(int State, int Class), int>();
        var cellPredecessors = new List<List<int>>();
        for (var from = 0; from < stateCount; from++)
        {
            for (var c = 0; c < labelCount; c++)
            {
                var to = transitions[(from * labelCount) + c];
                if (to == PlateGrammarAutomaton.Rejected)
                {
                    continue;
                }

                if (!cellIndex.TryGetValue((to, c), out var cell))
                {
                    cell = cellIndex.Count;
                    cellIndex.Add((to, c), cell);
                    cellPredecessors.Add([]);
                }

                cellPredecessors[cell].Add(from);
            }
        }

        var cellCount = cellIndex.Count;
        cellState = new int[cellCount];
        cellClass = new int[cellCount];
        foreach (var ((state, c), cell) in cellIndex)
        {
            cellState[cell] = state;
            cellClass[cell] = c;
        }

        predecessorStart = new int[cellCount + 1];
        entersFromStart = new bool[cellCount];
        var flat = new List<int>();
        for (var cell = 0; cell < cellCount; cell++)
        {
            predecessorStart[cell] = flat.Count;
            foreach (var from in cellPredecessors[cell])
            {
                if (from == PlateGrammarAutomaton.Start)
                {
                    entersFromStart[cell] = true;
                }
                else
                {
                    flat.Add(from);
                }
            }
        }

        predecessorStart[cellCount] = flat.Count;
        predecessors = [.. flat];

        stateCellStart = new int[stateCount + 1];
        var byState = Enumerable.Range(0, cellCount).OrderBy(cell => cellState[cell]).ToArray();
        stateCells = byState;
        for (var state = 0; state <= stateCount; state++)
        {
            stateCellStart[state] = Array.FindIndex(byState, cell => cellState[cell] >= state) is var i and >= 0 ? i : cellCount;
        }

        previousCell = new float[cellCount];
        currentCell = new float[cellCount];
        previousBlank = new float[stateCount];
        currentBlank = new float[stateCount];
        bestValue = new float[stateCount];
        bestId = new int[stateCount];
        bestClass = new int[stateCount];
        secondValue = new float[stateCount];
        secondId = new int[stateCount];
    }

    /// <summary>Default of <see cref="MinCharacterProbability"/>.</summary>
    public const float DefaultMinCharacterProbability = 1e-6f;

    public int ClassCount => map.ClassCount;

    /// <summary>Below this, a character of the best valid path counts as invented (see the constructor).</summary>
    public float MinCharacterProbability { get; }

    /// <summary>Number of DP cells (state, class) — the decoder's per-frame work.</summary>
    public int CellCount => cellState.Length;

    /// <summary>
    /// Decodes a row-major <c>[timeSteps, ClassCount]</c> matrix to the most probable valid plate,
    /// or <see cref="CtcDecodeResult.Empty"/> when no valid plate fits (e.g. fewer frames than characters)
    /// or the best one needs a character the network did not see (<see cref="MinCharacterProbability"/>).
    /// </summary>
    public CtcDecodeResult Decode(ReadOnlySpan<float> scores, int timeSteps, CtcScoreKind kind = CtcScoreKind.Auto)
    {
        var classCount = map.ClassCount;
        CtcScores.Validate(scores, timeSteps, classCount);
        kind = CtcScores.Resolve(scores, classCount, kind);
        EnsureCapacity(timeSteps, classCount);
        var logp = logProbabilities.AsSpan(0, timeSteps * classCount);
        CtcScores.ToLogProbabilities(scores, classCount, kind, logp);
        ComputeSilentScores(logp, timeSteps, classCount);

        var cellCount = cellState.Length;
        var idsPerFrame = cellCount + stateCount;

        // Frame 0: enter from the start state by a character, or stay in the start state's blank.
        Array.Fill(previousCell, float.NegativeInfinity);
        Array.Fill(previousBlank, float.NegativeInfinity);
        for (var cell = 0; cell < cellCount; cell++)
        {
            if (entersFromStart[cell])
            {
                previousCell[cell] = logp[cellClass[cell]];
                backPointers[cell] = FromStart;
            }
        }

        previousBlank[PlateGrammarAutomaton.Start] = silentScore[0];
        backPointers[cellCount + PlateGrammarAutomaton.Start] = FromStart;

        for (var t = 1; t < timeSteps; t++)
        {
            RankStates();
            var frame = logp.Slice(t * classCount, classCount);
            var back = backPointers.AsSpan(t * idsPerFrame, idsPerFrame);
            for (var cell = 0; cell < cellCount; cell++)
            {
                var c = cellClass[cell];
                var best = previousCell[cell];
                var source = cell;
                for (var p = predecessorStart[cell]; p < predecessorStart[cell + 1]; p++)
                {
                    var from = predecessors[p];
                    var (value, id) = bestClass[from] != c ? (bestValue[from], bestId[from]) : (secondValue[from], secondId[from]);
                    if (value > best)
                    {
                        best = value;
                        source = id;
                    }
                }

                // Entering from the start state is only possible at frame 0 or after leading silent frames.
                if (entersFromStart[cell] && previousBlank[PlateGrammarAutomaton.Start] > best)
                {
                    best = previousBlank[PlateGrammarAutomaton.Start];
                    source = cellCount + PlateGrammarAutomaton.Start;
                }

                currentCell[cell] = best + frame[c];
                back[cell] = source;
            }

            for (var state = 0; state < stateCount; state++)
            {
                currentBlank[state] = bestValue[state] + silentScore[t];
                back[cellCount + state] = bestId[state];
            }

            currentCell.CopyTo(previousCell, 0);
            currentBlank.CopyTo(previousBlank, 0);
        }

        RankStates();
        var complete = PlateGrammarAutomaton.Complete;
        if (float.IsNegativeInfinity(bestValue[complete]))
        {
            return CtcDecodeResult.Empty;
        }

        return BuildResult(logp, timeSteps, classCount, bestId[complete]);
    }

    /// <summary>Per state, the best and second-best entry (blank or cell) of the previous frame.</summary>
    private void RankStates()
    {
        var cellCount = cellState.Length;
        for (var state = 0; state < stateCount; state++)
        {
            float best = previousBlank[state], second = float.NegativeInfinity;
            int bestAt = cellCount + state, secondAt = -1, bestCls = -1;
            for (var k = stateCellStart[state]; k < stateCellStart[state + 1]; k++)
            {
                var cell = stateCells[k];
                var value = previousCell[cell];
                if (value > best)
                {
                    second = best;
                    secondAt = bestAt;
                    best = value;
                    bestAt = cell;
                    bestCls = cellClass[cell];
                }
                else if (value > second)
                {
                    second = value;
                    secondAt = cell;
                }
            }

            bestValue[state] = best;
            bestId[state] = bestAt;
            bestClass[state] = bestCls;
            secondValue[state] = second;
            secondId[state] = secondAt;
        }
    }

    private void ComputeSilentScores(ReadOnlySpan<float> logp, int timeSteps, int classCount)
    {
        for (var t = 0; t < timeSteps; t++)
        {
            var best = float.NegativeInfinity;
            var frame = logp.Slice(t * classCount, classCount);
            for (var c = 0; c < classCount; c++)
            {
                if (map.Silent[c] && frame[c] > best)
                {
                    best = frame[c];
                }
            }

            silentScore[t] = best;
        }
    }

    private CtcDecodeResult BuildResult(ReadOnlySpan<float> logp, int timeSteps, int classCount, int lastId)
    {
        var cellCount = cellState.Length;
        var idsPerFrame = cellCount + stateCount;
        var id = lastId;
        for (var t = timeSteps - 1; t >= 0; t--)
        {
            path[t] = id;
            id = backPointers[(t * idsPerFrame) + id];
        }

        text.Clear();
        characters.Clear();
        for (var t = 0; t < timeSteps; t++)
        {
            var cell = path[t];
            if (cell >= cellCount)
            {
                continue;
            }

            var c = cellClass[cell];
            var probability = MathF.Exp(logp[(t * classCount) + c]);
            if (t == 0 || path[t - 1] != cell)
            {
                text.Append(map.Labels[c]);
                characters.Add(new CharacterConfidence(map.Labels[c], probability));
            }
            else if (probability > characters[^1].Confidence)
            {
                characters[^1] = characters[^1] with { Confidence = probability };
            }
        }

        var confidence = 1f;
        foreach (var character in characters)
        {
            if (character.Confidence < MinCharacterProbability)
            {
                return CtcDecodeResult.Empty;
            }

            confidence *= character.Confidence;
        }

        return new CtcDecodeResult(text.ToString(), confidence, [.. characters]);
    }

    private void EnsureCapacity(int timeSteps, int classCount)
    {
        if (logProbabilities.Length < timeSteps * classCount)
        {
            logProbabilities = new float[timeSteps * classCount];
        }

        if (silentScore.Length < timeSteps)
        {
            silentScore = new float[timeSteps];
            path = new int[timeSteps];
            backPointers = new int[timeSteps * (cellState.Length + stateCount)];
        }
    }
}
