using CxScoring.Model;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Comparisons;

/// <summary>
/// Compares two scorecards, or two periods of one scorecard (<see cref="ComparePeriods"/>): per group, the change of the mean score (Welch's t-test,
/// Hedges' g), of the zone shares and of the promise-kept rate (two-proportion z-test, difference with Newcombe's
/// interval), with Benjamini–Hochberg q-values over all tests of the comparison. See <c>docs/comparisons.md</c>.
/// </summary>
/// <remarks>
/// <para>The two scorecards are treated as independent samples of outcomes. Scores of one customer are not
/// independent of each other; with many outcomes per customer the p-values are too small, so read them as a screen
/// for changes worth a look, not as proof.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class ScorecardComparison
{
    private const string All = "all";

    private static readonly ComparisonMetric[] Metrics =
        [ComparisonMetric.MeanScore, ComparisonMetric.BelowShare, ComparisonMetric.WithinShare, ComparisonMetric.AboveShare, ComparisonMetric.PromiseKeptRate, ComparisonMetric.KeptButMissedShare];

    /// <summary>
    /// Compares two scorecards of the same model's touchpoints, group by group: the total, each touchpoint, journey
    /// stage, channel, segment, owner, measure and promise. Groups other than touchpoints are matched by key; one
    /// missing on a side counts as empty there.
    /// </summary>
    /// <param name="before">The scorecard of the earlier (or reference) outcomes.</param>
    /// <param name="after">The scorecard of the later (or compared) outcomes.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="ComparisonOptions.Default"/>.</param>
    /// <returns>The comparison; differences are after − before.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="before"/> or <paramref name="after"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the scorecards' models have different touchpoints (compared by identifier), or <paramref name="options"/> is invalid.</exception>
    public static ComparisonReport Compare(Scorecard before, Scorecard after, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        options ??= ComparisonOptions.Default;
        options.Validate();
        var beforeTouchpoints = before.Plan.Model.Touchpoints;
        var afterTouchpoints = after.Plan.Model.Touchpoints;
        var afterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < afterTouchpoints.Length; t++)
        {
            afterIndex.Add(afterTouchpoints[t].Id, t);
        }

        var missing = beforeTouchpoints.Where(t => !afterIndex.ContainsKey(t.Id)).Select(t => t.Id).ToList();
        var extra = afterTouchpoints.Where(t => !beforeTouchpoints.Any(b => b.Id == t.Id)).Select(t => t.Id).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new ArgumentException(
                "Cannot compare scorecards of models with different touchpoints"
                + (missing.Count > 0 ? $"; only before: {string.Join(", ", missing)}" : string.Empty)
                + (extra.Count > 0 ? $"; only after: {string.Join(", ", extra)}" : string.Empty) + ".",
                nameof(after));
        }

        var groups = new List<(ComparisonGroupKind, string, ScoreAggregate, ScoreAggregate)>
        {
            (ComparisonGroupKind.Total, All, before.Total, after.Total),
        };
        for (var t = 0; t < beforeTouchpoints.Length; t++)
        {
            groups.Add((ComparisonGroupKind.Touchpoint, beforeTouchpoints[t].Id, before.ByTouchpoint[t], after.ByTouchpoint[afterIndex[beforeTouchpoints[t].Id]]));
        }

        foreach (var stage in before.ByStage.Keys.Union(after.ByStage.Keys).Order())
        {
            groups.Add((ComparisonGroupKind.Stage, stage.ToString().ToLowerInvariant(), Find(before.ByStage, stage), Find(after.ByStage, stage)));
        }

        foreach (var channel in before.ByChannel.Keys.Union(after.ByChannel.Keys).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            groups.Add((ComparisonGroupKind.Channel, channel.Name, Find(before.ByChannel, channel), Find(after.ByChannel, channel)));
        }

        var segments = before.Plan.Model.Segments.Select(s => s.Id).Concat(after.Plan.Model.Segments.Select(s => s.Id)).Distinct(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            groups.Add((ComparisonGroupKind.Segment, segment, Find(before.BySegment, segment), Find(after.BySegment, segment)));
        }

        foreach (var owner in before.ByOwner.Keys.Union(after.ByOwner.Keys).Order(StringComparer.Ordinal))
        {
            groups.Add((ComparisonGroupKind.Owner, owner, Find(before.ByOwner, owner), Find(after.ByOwner, owner)));
        }

        var beforeMeasures = Keyed(before.Plan.Model.Measures.Select(m => m.Id), before.ByMeasure);
        var afterMeasures = Keyed(after.Plan.Model.Measures.Select(m => m.Id), after.ByMeasure);
        foreach (var measure in beforeMeasures.Keys.Concat(afterMeasures.Keys).Distinct(StringComparer.Ordinal))
        {
            groups.Add((ComparisonGroupKind.Measure, measure, Find(beforeMeasures, measure), Find(afterMeasures, measure)));
        }

        var beforePromises = Keyed(before.ByPromise.Select(p => p.Id), before.ByPromise.Select(p => p.Aggregate));
        var afterPromises = Keyed(after.ByPromise.Select(p => p.Id), after.ByPromise.Select(p => p.Aggregate));
        foreach (var promise in beforePromises.Keys.Concat(afterPromises.Keys).Distinct(StringComparer.Ordinal))
        {
            groups.Add((ComparisonGroupKind.Promise, promise, Find(beforePromises, promise), Find(afterPromises, promise)));
        }

        return Build(groups, options);
    }

    /// <summary>
    /// Compares two periods of one scorecard, by the local dates of its calendar (<see cref="Scorecard.TimeZone"/>): the
    /// total and, when the scorecard keeps touchpoint periods (<see cref="ScorecardOptions.ByTouchpointPeriod"/>), each
    /// touchpoint and each owner of the touchpoints (nested owners including their parts). To compare stages, channels,
    /// segments, measures and promises, build one scorecard per period and use
    /// <see cref="Compare(Scorecard, Scorecard, ComparisonOptions?)"/>.
    /// </summary>
    /// <param name="scorecard">The scorecard; built with <see cref="ScorecardOptions.ByPeriod"/>.</param>
    /// <param name="before">The earlier (or reference) period, both ends included.</param>
    /// <param name="after">The later (or compared) period; must not overlap <paramref name="before"/>.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="ComparisonOptions.Default"/>.</param>
    /// <returns>The comparison: rows for the total (key <c>all</c>) and, with touchpoint periods, per touchpoint and owner.</returns>
    /// <exception cref="ArgumentNullException">Thrown when an argument other than <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the scorecard has no calendar periods, the periods overlap, or <paramref name="options"/> is invalid.</exception>
    public static ComparisonReport ComparePeriods(Scorecard scorecard, DateInterval before, DateInterval after, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        options ??= ComparisonOptions.Default;
        options.Validate();
        if (!scorecard.HasPeriods)
        {
            throw new ArgumentException("Cannot compare periods of a scorecard built without calendar periods (ScorecardOptions.ByPeriod).", nameof(scorecard));
        }

        if (before.Start <= after.End && after.Start <= before.End)
        {
            throw new ArgumentException($"Cannot compare overlapping periods ({before} and {after}): the samples must be independent.", nameof(after));
        }

        var groups = new List<(ComparisonGroupKind, string, ScoreAggregate, ScoreAggregate)>
        {
            (ComparisonGroupKind.Total, All, SumOf(scorecard, before), SumOf(scorecard, after)),
        };
        if (scorecard.TouchpointDayNumbers is { } touchpointDays)
        {
            var touchpoints = scorecard.Plan.Model.Touchpoints;
            var sums = new AggregateSum[touchpoints.Length, 2];
            for (var t = 0; t < touchpoints.Length; t++)
            {
                sums[t, 0] = new AggregateSum();
                sums[t, 1] = new AggregateSum();
            }

            foreach (var (key, aggregate) in touchpointDays)
            {
                var date = CalendarIndex.DateOf((int)(key >> 32));
                var side = before.Contains(date) ? 0 : after.Contains(date) ? 1 : -1;
                if (side >= 0)
                {
                    sums[(int)(key & uint.MaxValue), side].Add(aggregate);
                }
            }

            var owners = new SortedDictionary<string, (AggregateSum Before, AggregateSum After)>(StringComparer.Ordinal);
            for (var t = 0; t < touchpoints.Length; t++)
            {
                groups.Add((ComparisonGroupKind.Touchpoint, touchpoints[t].Id, sums[t, 0].ToAggregate(scorecard.FeltScale), sums[t, 1].ToAggregate(scorecard.FeltScale)));
                if (touchpoints[t].Owner is { } owner)
                {
                    foreach (var unit in Owners.SelfAndParents(owner))
                    {
                        if (!owners.TryGetValue(unit, out var pair))
                        {
                            pair = (new AggregateSum(), new AggregateSum());
                            owners.Add(unit, pair);
                        }

                        pair.Before.Add(sums[t, 0].ToAggregate(scorecard.FeltScale));
                        pair.After.Add(sums[t, 1].ToAggregate(scorecard.FeltScale));
                    }
                }
            }

            foreach (var (owner, (b, a)) in owners)
            {
                groups.Add((ComparisonGroupKind.Owner, owner, b.ToAggregate(scorecard.FeltScale), a.ToAggregate(scorecard.FeltScale)));
            }
        }

        return Build(groups, options);
    }

    private static ScoreAggregate SumOf(Scorecard scorecard, DateInterval period)
    {
        ScoreAggregate? sum = null;
        foreach (var (date, aggregate) in scorecard.ByDay)
        {
            if (period.Contains(date))
            {
                sum = sum is null ? aggregate : sum.Merge(aggregate);
            }
        }

        return sum ?? ScoreAggregate.Empty;
    }

    /// <summary>Aggregates by key, keys in the given order.</summary>
    private static OrderedDictionary<string, ScoreAggregate> Keyed(IEnumerable<string> keys, IEnumerable<ScoreAggregate> aggregates)
    {
        var keyed = new OrderedDictionary<string, ScoreAggregate>(StringComparer.Ordinal);
        foreach (var (key, aggregate) in keys.Zip(aggregates))
        {
            keyed.Add(key, aggregate);
        }

        return keyed;
    }

    private static ScoreAggregate Find<TKey>(IReadOnlyDictionary<TKey, ScoreAggregate> aggregates, TKey key)
        => aggregates.TryGetValue(key, out var aggregate) ? aggregate : ScoreAggregate.Empty;

    private static ComparisonReport Build(List<(ComparisonGroupKind Kind, string Key, ScoreAggregate Before, ScoreAggregate After)> groups, ComparisonOptions options)
    {
        var z = StandardNormal.Quantile(1 - ((1 - options.ConfidenceLevel) / 2));
        var rows = new ComparisonRow[groups.Count * Metrics.Length];
        var tested = new List<int>();
        var i = 0;
        foreach (var (kind, key, before, after) in groups)
        {
            foreach (var metric in Metrics)
            {
                rows[i] = metric == ComparisonMetric.MeanScore
                    ? CompareMeans(kind, key, before, after, options)
                    : CompareShares(kind, key, metric, before, after, options, z);
                if (rows[i].Status == ComparisonStatus.Tested)
                {
                    tested.Add(i);
                }

                i++;
            }
        }

        var pValues = new double[tested.Count];
        for (var k = 0; k < pValues.Length; k++)
        {
            pValues[k] = rows[tested[k]].PValue!.Value;
        }

        var qValues = TwoSampleTests.BenjaminiHochberg(pValues);
        for (var k = 0; k < qValues.Length; k++)
        {
            rows[tested[k]] = rows[tested[k]].WithQValue(qValues[k], options.FalseDiscoveryRate);
        }

        return new ComparisonReport([.. rows], options);
    }

    private static ComparisonRow CompareMeans(ComparisonGroupKind kind, string key, ScoreAggregate before, ScoreAggregate after, ComparisonOptions options)
    {
        var (n1, n2) = (before.Count, after.Count);
        var enough = n1 >= options.MinimumCount && n2 >= options.MinimumCount;
        var status = enough ? ComparisonStatus.Tested : ComparisonStatus.NotEnoughData;
        var row = new ComparisonRow(kind, key, ComparisonMetric.MeanScore, status, n1, n2, before.ScoreMean, after.ScoreMean);
        if (!enough)
        {
            return row;
        }

        // The aggregates keep population variances; Welch and Hedges use sample variances.
        var v1 = before.ScoreVariance * n1 / (n1 - 1);
        var v2 = after.ScoreVariance * n2 / (n2 - 1);
        var welch = TwoSampleTests.Welch(n2, after.ScoreMean, v2, n1, before.ScoreMean, v1);
        if (double.IsNaN(welch.PValue))
        {
            return new ComparisonRow(kind, key, ComparisonMetric.MeanScore, ComparisonStatus.NoVariation, n1, n2, before.ScoreMean, after.ScoreMean);
        }

        var g = TwoSampleTests.HedgesG(n2, after.ScoreMean, v2, n1, before.ScoreMean, v1);
        return row.WithTest(welch.T, welch.DegreesOfFreedom, welch.PValue, g, null, null);
    }

    private static ComparisonRow CompareShares(
        ComparisonGroupKind kind, string key, ComparisonMetric metric, ScoreAggregate before, ScoreAggregate after, ComparisonOptions options, double z)
    {
        var (n1, n2) = (before.Count, after.Count);
        var (x1, x2) = (CountOf(before, metric), CountOf(after, metric));
        var enough = Enough(x1, n1, options) && Enough(x2, n2, options);
        var row = new ComparisonRow(
            kind, key, metric, enough ? ComparisonStatus.Tested : ComparisonStatus.NotEnoughData, n1, n2,
            n1 == 0 ? double.NaN : (double)x1 / n1, n2 == 0 ? double.NaN : (double)x2 / n2);
        if (!enough)
        {
            return row;
        }

        var test = TwoSampleTests.TwoProportion(x2, n2, x1, n1);
        if (double.IsNaN(test.PValue))
        {
            // Only with MinimumExpected = 0: the share is 0 (or 1) in both groups.
            return new ComparisonRow(kind, key, metric, ComparisonStatus.NoVariation, n1, n2, row.Before, row.After);
        }

        var (lower, upper) = TwoSampleTests.NewcombeInterval(x2, n2, x1, n1, z);
        return row.WithTest(test.Z, null, test.PValue, 100 * test.Difference, lower, upper);
    }

    private static bool Enough(long x, long n, ComparisonOptions options)
        => n >= options.MinimumCount && x >= options.MinimumExpected && n - x >= options.MinimumExpected;

    private static long CountOf(ScoreAggregate aggregate, ComparisonMetric metric) => metric switch
    {
        ComparisonMetric.BelowShare => aggregate.BelowCount,
        ComparisonMetric.WithinShare => aggregate.WithinCount,
        ComparisonMetric.AboveShare => aggregate.AboveCount,
        ComparisonMetric.KeptButMissedShare => aggregate.KeptButMissedCount,
        _ => aggregate.PromisesKept,
    };
}
