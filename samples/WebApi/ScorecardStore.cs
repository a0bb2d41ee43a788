using CxScoring.Scorecards;


namespace WebApi;

/// <summary>One touchpoint of GET /scorecards.</summary>
public sealed record ScorecardRow(string Touchpoint, string Stage, long Count, double MeanScore, double MeanFeltValue, long Below, long Within, long Above, double PromiseKeptRate);

/// <summary>GET /scorecards: what was received, scored and refused under one model version, and the touchpoints that have outcomes.</summary>
public sealed record ScorecardView(string Model, long ModelVersion, IReadOnlyList<long> Versions, long Received, long Scored, long Rejected, IReadOnlyList<ScorecardRow> Touchpoints);

/// <summary>
/// The running scorecards of the API, one per model version: a reload may change the touchpoints, promises or
/// expectations, so scores of different versions are kept apart rather than summed. Each request scores into its
/// own scorecard, merged here in one step, so readers never see half a request. Scorecards of one version merge
/// exactly (fixed-point sums), in any order.
/// </summary>
public sealed partial class ScorecardStore(ILogger<ScorecardStore> logger)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Scorecard> _byVersion = [];

    public void Add(long modelVersion, Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        long? previous = null;
        lock (_gate)
        {
            if (_byVersion.TryGetValue(modelVersion, out var running))
            {
                _byVersion[modelVersion] = running.Merge(scorecard); // one snapshot, one plan: always merges
                return;
            }

            if (_byVersion.Count > 0)
            {
                previous = _byVersion.Keys.Max();
            }

            _byVersion[modelVersion] = scorecard;
        }

        if (previous is { } kept)
        {
            LogNewVersion(modelVersion, kept);
        }
    }

    /// <summary>Gets the scorecard of the latest model version that scored anything.</summary>
    public Scorecard? Current
    {
        get
        {
            lock (_gate)
            {
                return _byVersion.Count == 0 ? null : _byVersion[_byVersion.Keys.Max()];
            }
        }
    }

    /// <summary>Finds the scorecard of <paramref name="modelVersion"/>, or of the latest version when it is null; null when that version scored nothing.</summary>
    public Scorecard? Find(long? modelVersion = null)
    {
        lock (_gate)
        {
            if (_byVersion.Count == 0)
            {
                return null;
            }

            return _byVersion.TryGetValue(modelVersion ?? _byVersion.Keys.Max(), out var scorecard) ? scorecard : null;
        }
    }

    /// <summary>Reads the scorecard of <paramref name="modelVersion"/>, or of the latest version when it is null.</summary>
    public ScorecardView? Read(long? modelVersion = null)
    {
        Scorecard? scorecard;
        long version;
        long[] versions;
        lock (_gate)
        {
            versions = [.. _byVersion.Keys];
            if (versions.Length == 0)
            {
                return modelVersion is null ? new ScorecardView(string.Empty, 0, [], 0, 0, 0, []) : null;
            }

            version = modelVersion ?? versions[^1];
            if (!_byVersion.TryGetValue(version, out scorecard))
            {
                return null;
            }
        }

        return View(scorecard, version, versions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {Version} scored its first outcomes: a new scorecard starts; the scorecard of version {Previous} is kept (GET /scorecards?version={Previous})")]
    private partial void LogNewVersion(long version, long previous);

    private static ScorecardView View(Scorecard scorecard, long version, long[] versions)
    {
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

        return new ScorecardView(scorecard.Plan.Model.Name, version, versions, scorecard.Received, scorecard.Scored, scorecard.Rejected, rows);
    }
}
