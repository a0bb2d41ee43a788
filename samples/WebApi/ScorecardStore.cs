using CxScoring.Scorecards;

namespace WebApi;

/// <summary>One touchpoint of GET /scorecards.</summary>
public sealed record ScorecardRow(string Touchpoint, string Stage, long Count, double MeanScore, double MeanFeltValue, long Below, long Within, long Above, double PromiseKeptRate);

/// <summary>GET /scorecards: what was received, scored and refused, and the touchpoints that have outcomes.</summary>
public sealed record ScorecardView(string Model, long Received, long Scored, long Rejected, IReadOnlyList<ScorecardRow> Touchpoints);

/// <summary>
/// The running scorecard of the API. Each request scores into its own scorecard, merged here in one step, so readers
/// never see half a request. Scorecards merge exactly (fixed-point sums), in any order.
/// </summary>
public sealed class ScorecardStore
{
    private readonly Lock _gate = new();
    private Scorecard? _scorecard;

    public void Add(Scorecard scorecard)
    {
        lock (_gate)
        {
            try
            {
                _scorecard = _scorecard is null ? scorecard : _scorecard.Merge(scorecard);
            }
            catch (ArgumentException)
            {
                // The model was reloaded with other touchpoints or segments: its scorecards start afresh.
                _scorecard = scorecard;
            }
        }
    }

    public Scorecard? Current
    {
        get
        {
            lock (_gate)
            {
                return _scorecard;
            }
        }
    }

    public ScorecardView Read()
    {
        var scorecard = Current;
        if (scorecard is null)
        {
            return new ScorecardView(string.Empty, 0, 0, 0, []);
        }

        var rows = new List<ScorecardRow>();
        var touchpoints = scorecard.Plan.Model.Touchpoints;
        for (var t = 0; t < touchpoints.Length; t++)
        {
            var a = scorecard.ByTouchpoint[t];
            if (a.Count > 0)
            {
                rows.Add(new ScorecardRow(touchpoints[t].Id, touchpoints[t].Stage.ToString(), a.Count, a.ScoreMean, a.FeltMean,
                    a.BelowCount, a.WithinCount, a.AboveCount, a.PromiseKeptRate));
            }
        }

        return new ScorecardView(scorecard.Plan.Model.Name, scorecard.Received, scorecard.Scored, scorecard.Rejected, rows);
    }
}
