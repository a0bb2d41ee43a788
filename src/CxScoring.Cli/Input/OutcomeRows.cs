using System.Runtime.InteropServices;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;

namespace CxScoring.Cli.Input;

/// <summary>
/// Keeps the outcomes being scored as the engine's rows of one model's plan, for the analyses that take rows (costs of
/// non-compliance, what-if scenarios): customers numbered as they are met across every input, a CSV or NDJSON outcome
/// as it is read, an Arrow or Parquet file's rows as its columnar path hands them over (keyed by <see cref="Customers"/>).
/// </summary>
internal sealed class OutcomeRows
{
    private readonly List<OutcomeRow> _rows = [];

    /// <summary>Makes an empty set of rows for the model's plan.</summary>
    public OutcomeRows(ScoringModel model)
        : this(ScoringPlan.Compile(model))
    {
    }

    /// <summary>Makes an empty set of rows for a compiled plan.</summary>
    public OutcomeRows(ScoringPlan plan) => Plan = plan;

    /// <summary>Gets the plan the rows belong to.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the customers of the rows kept, numbered as they are met; a columnar file's rows are keyed by it too.</summary>
    public CustomerDirectory Customers { get; } = new();

    /// <summary>Gets the rows kept.</summary>
    public ReadOnlySpan<OutcomeRow> Rows => CollectionsMarshal.AsSpan(_rows);

    /// <summary>Gets how many outcomes could not become rows (an instant outside the engine's range) and were left out.</summary>
    public long Skipped { get; private set; }

    /// <summary>Keeps an outcome read from a CSV or NDJSON input as a row; called for every outcome the scorecard is given.</summary>
    public void Add(Outcome outcome)
    {
        var key = Customers.KeyOf(outcome.CustomerId ?? string.Empty);
        try
        {
            _rows.Add(Plan.ToRow(outcome, key));
        }
        catch (ArgumentOutOfRangeException)
        {
            Skipped++;
        }
    }

    /// <summary>Keeps the rows a columnar file's scoring hands over (keyed by <see cref="Customers"/>).</summary>
    public void Add(ReadOnlySpan<OutcomeRow> rows) => _rows.AddRange(rows);

    /// <summary>Counts the outcomes of a columnar file left out of its rows for an instant outside the engine's range, as <see cref="Add(Outcome)"/> counts those of a CSV or NDJSON file.</summary>
    public void AddSkipped(long count) => Skipped += count;
}
