using System.Runtime.InteropServices;
using CxScoring.Model;
using CxScoring.Plans;

namespace CxScoring.Cli.Input;

/// <summary>
/// Keeps the outcomes read from CSV or NDJSON inputs as the engine's rows of one model's plan, customers numbered as
/// they are met, for the analyses that take rows (costs of non-compliance, what-if scenarios).
/// </summary>
internal sealed class OutcomeRows(ScoringModel model)
{
    private readonly Dictionary<string, long> _customers = new(StringComparer.Ordinal);
    private readonly List<OutcomeRow> _rows = [];

    /// <summary>Gets the plan the rows belong to.</summary>
    public ScoringPlan Plan { get; } = ScoringPlan.Compile(model);

    /// <summary>Gets the rows kept.</summary>
    public ReadOnlySpan<OutcomeRow> Rows => CollectionsMarshal.AsSpan(_rows);

    /// <summary>Gets how many outcomes could not become rows (an instant outside the engine's range) and were left out.</summary>
    public long Skipped { get; private set; }

    /// <summary>Keeps an outcome as a row; called for every outcome the scorecard is given.</summary>
    public void Add(Outcome outcome)
    {
        var customer = outcome.CustomerId ?? string.Empty;
        if (!_customers.TryGetValue(customer, out var key))
        {
            key = _customers.Count;
            _customers.Add(customer, key);
        }

        try
        {
            _rows.Add(Plan.ToRow(outcome, key));
        }
        catch (ArgumentOutOfRangeException)
        {
            Skipped++;
        }
    }
}
