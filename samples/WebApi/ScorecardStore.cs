using CxScoring.Gaps;
using CxScoring.Model;

namespace WebApi;

/// <summary>One row of GET /scorecards: the gaps of one touchpoint and measure so far.</summary>
public sealed record ScorecardRow(string Touchpoint, string Measure, long Count, double MeanScore, double MeanFeltValue, long Below, long Within, long Above);

/// <summary>The running scorecards of the API: a request's results are added in one step, so readers never see half a request.</summary>
public sealed class ScorecardStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Touchpoint, string Measure), Cell> _cells = [];

    public Batch BeginBatch() => new();

    public void Commit(Batch batch)
    {
        lock (_gate)
        {
            foreach (var (key, cell) in batch.Cells)
            {
                _cells[key] = _cells.GetValueOrDefault(key).Merge(cell);
            }
        }
    }

    public IReadOnlyList<ScorecardRow> Read()
    {
        lock (_gate)
        {
            return [.. _cells.OrderBy(c => c.Key.Touchpoint, StringComparer.Ordinal).ThenBy(c => c.Key.Measure, StringComparer.Ordinal)
                .Select(c => new ScorecardRow(c.Key.Touchpoint, c.Key.Measure, c.Value.Count, c.Value.Score / c.Value.Count,
                    c.Value.Felt / c.Value.Count, c.Value.Below, c.Value.Within, c.Value.Above))];
        }
    }

    /// <summary>The results of one request, gathered before they are committed.</summary>
    public sealed class Batch
    {
        internal Dictionary<(string Touchpoint, string Measure), Cell> Cells { get; } = [];

        public void Add(in Outcome outcome, in GapResult result)
        {
            var key = (outcome.TouchpointId, outcome.MeasureId);
            Cells[key] = Cells.GetValueOrDefault(key).Merge(new Cell(1, result.Score, result.FeltValue,
                result.Zone == Zone.Below ? 1 : 0, result.Zone == Zone.Within ? 1 : 0, result.Zone == Zone.Above ? 1 : 0));
        }
    }

    internal readonly record struct Cell(long Count, double Score, double Felt, long Below, long Within, long Above)
    {
        public Cell Merge(Cell other)
            => new(Count + other.Count, Score + other.Score, Felt + other.Felt, Below + other.Below, Within + other.Within, Above + other.Above);
    }
}
