using System.Collections.Immutable;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Reports.Html.Rendering;

/// <summary>
/// The numbers the report shows, read from a scorecard once. This is the only type of the package that reads the
/// scorecard's API; the rest renders plain rows.
/// </summary>
internal sealed class ReportView
{
    internal const string AllTouchpoints = "All touchpoints";

    private ReportView(Scorecard scorecard, ScorecardHtmlOptions options)
    {
        var model = scorecard.Plan.Model;
        ModelName = model.Name;
        Title = string.IsNullOrWhiteSpace(options.Title) ? $"CX scorecard: {model.Name}" : options.Title;
        TimeZoneId = scorecard.TimeZone.Id;
        Received = scorecard.Received;
        Scored = scorecard.Scored;
        Rejected = scorecard.Rejected;
        Total = Figures.Of(scorecard.Total);
        Notes = options.Notes;
        Costs = options.Costs;
        ComparisonCosts = options.ComparisonCosts;
        ComparisonDescription = options.ComparisonDescription;
        MaxCostChanges = options.MaxCostChanges;
        HasPeriods = scorecard.HasPeriods;
        if (scorecard.ByDay.Count > 0)
        {
            FirstDay = scorecard.ByDay.Keys.First();
            LastDay = scorecard.ByDay.Keys.Last();
        }

        var touchpoints = new List<TouchpointRow>(model.Touchpoints.Length);
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            touchpoints.Add(new TouchpointRow(t, touchpoint.Id, touchpoint.Name, StageName(touchpoint.Stage), (int)touchpoint.Stage, touchpoint.Channel.Name, touchpoint.Owner, Figures.Of(scorecard.ByTouchpoint[t])));
        }

        Touchpoints = touchpoints;
        HasOwners = touchpoints.Any(r => r.Owner is not null);
        Owners = scorecard.ByOwner.Select(p => new OwnerRow(p.Key, p.Key.Count(c => c == '/'), touchpoints.Any(r => r.Owner == p.Key), Figures.Of(p.Value))).ToList();
        StageOwners = BuildStageOwners(scorecard, touchpoints);
        // Per promise where the scorecard has promise figures (the gaps of one promise are of one measure); per touchpoint
        // for outcomes scored against their own promised levels only.
        // Each point carries the promise review's verdict (the same rule as the printed scorecard's), and the weight its
        // list is ranked by: |Σ setting gap| for a promise set wrong, the number broken for one to keep better.
        var promiseRows = scorecard.ByPromise.Where(p => p.Aggregate.Count > 0)
            .Select(p => new LetterSpiritRow(LetterSpiritRow.PromiseKind, p.Id, p.Description ?? p.Id, p.Owner, Figures.Of(p.Aggregate), p.Verdict, Weight(p.Verdict, p.Aggregate)))
            .ToList();
        LetterVsSpirit = promiseRows.Count > 0
            ? promiseRows
            : touchpoints.Where(r => r.Figures.Count > 0)
                .Select(r =>
                {
                    var aggregate = scorecard.ByTouchpoint[r.Index];
                    var verdict = PromiseReview.VerdictOf(aggregate);
                    return new LetterSpiritRow(LetterSpiritRow.TouchpointKind, r.Id, r.Name, r.Owner, r.Figures, verdict, Weight(verdict, aggregate));
                })
                .ToList();
        HasPerceivedMeasures = scorecard.HasPerceivedMeasures;
        PerceivedVsDelivered = scorecard.PerceivedVsDelivered
            .Select((r, t) => new PerceivedRow(t, r.Touchpoint.Id, r.Touchpoint.Name, StageName(r.Touchpoint.Stage), Figures.Of(r.Delivered), Figures.Of(r.Perceived), r.Delivered.AdequacyMean, r.Perceived.AdequacyMean, r.ScoreMeanGap, AgreementName(r.Agreement), r.RatedOutcomes, r.DeliveredFinePerceivedPoor, r.DeliveredPoorPerceivedFine))
            .ToList();
        Stages = scorecard.ByStage.Select(p => new StageRow(StageName(p.Key), (int)p.Key, Figures.Of(p.Value))).ToList();

        var cumulative = 0.0;
        Hotspots = scorecard.Hotspots(options.MaxHotspots)
            .Select(h =>
            {
                cumulative += h.Share;
                return new HotspotRow(h.Rank, h.Touchpoint.Id, h.Touchpoint.Name, StageName(h.Touchpoint.Stage), h.Share, Math.Min(1.0, cumulative), h.WeightedShortfall);
            })
            .ToList();

        Rejections = Enum.GetValues<RejectionReason>()
            .Select(r => new RejectionRow(ReasonName(r), scorecard.RejectedBy(r), Received == 0 ? 0 : (double)scorecard.RejectedBy(r) / Received))
            .Where(r => r.Count > 0)
            .OrderByDescending(r => r.Count)
            .ToList();

        Period = ChoosePeriod(options.TrendPeriod, FirstDay, LastDay);
        Trend = HasPeriods ? BuildTrend(scorecard, options, model, Period) : [];
        TrendPerTouchpoint = HasPeriods && Trend.Any(p => p.Series == "this touchpoint");
        Significance = SignificanceView.From(scorecard, options, model, Period, FirstDay, LastDay);
        Trend = SignificanceView.MarkTrend(Trend, Significance, model);
    }

    public string Title { get; }

    /// <summary>Gets a value indicating whether the model has a measure answered by customers.</summary>
    public bool HasPerceivedMeasures { get; }

    /// <summary>Gets, per touchpoint in model order, its delivered outcomes beside its perceived ones.</summary>
    public IReadOnlyList<PerceivedRow> PerceivedVsDelivered { get; }

    public string ModelName { get; }

    /// <summary>Gets the cost of non-compliance the caller priced, or <see langword="null"/>.</summary>
    public CxScoring.Journeys.Costs.NonComplianceCostReport? Costs { get; }

    /// <summary>Gets the costs of what the given comparison compares against, priced alike (<see cref="ScorecardHtmlOptions.ComparisonCosts"/>).</summary>
    public CxScoring.Journeys.Costs.NonComplianceCostReport? ComparisonCosts { get; }

    /// <summary>Gets what the given comparison compares, in words.</summary>
    public string? ComparisonDescription { get; }

    /// <summary>Gets how many promises the table of cost changes lists.</summary>
    public int MaxCostChanges { get; }

    public string TimeZoneId { get; }

    public long Received { get; }

    public long Scored { get; }

    public long Rejected { get; }

    public Figures Total { get; }

    public IReadOnlyList<string> Notes { get; }

    public bool HasPeriods { get; }

    public LocalDate? FirstDay { get; }

    public LocalDate? LastDay { get; }

    public IReadOnlyList<TouchpointRow> Touchpoints { get; }

    public IReadOnlyList<StageRow> Stages { get; }

    public IReadOnlyList<HotspotRow> Hotspots { get; }

    public IReadOnlyList<RejectionRow> Rejections { get; }

    public ReportPeriod Period { get; }

    public IReadOnlyList<TrendPoint> Trend { get; }

    public bool TrendPerTouchpoint { get; }

    /// <summary>Gets whether any touchpoint of the model names an owner.</summary>
    public bool HasOwners { get; }

    /// <summary>Gets every owning unit with outcomes or not, parents rolled up from their sub-units (<see cref="Scorecard.ByOwner"/>).</summary>
    public IReadOnlyList<OwnerRow> Owners { get; }

    /// <summary>Gets, per journey stage, the owners assigned to the stage's touchpoints, with their figures in that stage.</summary>
    public IReadOnlyList<StageOwnerRow> StageOwners { get; }

    /// <summary>
    /// Gets the rows of the letter-vs-spirit view: one per touchpoint with outcomes. Rows of other kinds (per promise, once
    /// the scorecard keeps promise cells) are added with their own <see cref="LetterSpiritRow.Kind"/>; the chart, the table
    /// and the description read every row whatever its kind.
    /// </summary>
    public IReadOnlyList<LetterSpiritRow> LetterVsSpirit { get; }

    /// <summary>Gets the comparison the report shows, with what was compared, or why nothing was.</summary>
    public SignificanceView Significance { get; }

    public static ReportView From(Scorecard scorecard, ScorecardHtmlOptions options)
    {
        if (options.TouchpointScorecards is { } partitions)
        {
            foreach (var id in partitions.Keys)
            {
                if (!scorecard.Plan.Model.TryGetTouchpoint(id, out _))
                {
                    throw new ArgumentException($"The touchpoint scorecards name '{id}', which the scorecard's model does not define.", nameof(options));
                }
            }
        }

        return new ReportView(scorecard, options);
    }

    private static double Weight(PromiseVerdict verdict, ScoreAggregate aggregate) => verdict switch
    {
        PromiseVerdict.SetTooLoose or PromiseVerdict.SetTooStrict => Math.Abs(aggregate.SettingGapSum),
        PromiseVerdict.KeepBetter => aggregate.PromisesBroken,
        _ => 0,
    };

    internal static string StageName(JourneyStage stage) => stage.ToString().ToLowerInvariant();

    internal static string AgreementName(PerceptionAgreement agreement) => agreement switch
    {
        PerceptionAgreement.BothAdequate => "agree: both adequate",
        PerceptionAgreement.BothShort => "agree: both short",
        PerceptionAgreement.DeliveredFinePerceivedPoor => "delivered fine, perceived poor",
        PerceptionAgreement.DeliveredPoorPerceivedFine => "delivered poor, perceived fine",
        _ => "not comparable",
    };

    internal static string ReasonName(RejectionReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static List<StageOwnerRow> BuildStageOwners(Scorecard scorecard, List<TouchpointRow> touchpoints)
    {
        var rows = new List<StageOwnerRow>();
        foreach (var (stage, owners) in scorecard.ByStageAndOwner)
        {
            var name = StageName(stage);
            var assigned = touchpoints.Where(r => r.Stage == name && r.Owner is not null).Select(r => r.Owner!).ToHashSet(StringComparer.Ordinal);
            foreach (var (owner, aggregate) in owners)
            {
                // The chart shows the owners the model assigns in this stage; a parent that only rolls up its
                // sub-units would count their outcomes twice beside them.
                if (assigned.Contains(owner) && aggregate.Count > 0)
                {
                    var withSubUnits = assigned.Any(a => a.StartsWith(owner + "/", StringComparison.Ordinal));
                    rows.Add(new StageOwnerRow(name, (int)stage, owner, withSubUnits, Figures.Of(aggregate)));
                }
            }
        }

        return rows;
    }

    private static ReportPeriod ChoosePeriod(ReportPeriod requested, LocalDate? first, LocalDate? last)
    {
        if (requested != ReportPeriod.Auto)
        {
            return requested;
        }

        if (first is not { } from || last is not { } to)
        {
            return ReportPeriod.Day;
        }

        var days = NodaTime.Period.DaysBetween(from, to);
        return days <= 31 ? ReportPeriod.Day : days <= 730 ? ReportPeriod.Week : ReportPeriod.Month;
    }

    private static CalendarPeriod CalendarPeriodOf(ReportPeriod period) => period switch
    {
        ReportPeriod.Day => CalendarPeriod.Day,
        ReportPeriod.Week => CalendarPeriod.Week,
        _ => CalendarPeriod.Month,
    };

    private static ImmutableSortedDictionary<LocalDate, ScoreAggregate> PeriodsOf(Scorecard scorecard, ReportPeriod period) => period switch
    {
        ReportPeriod.Day => scorecard.ByDay,
        ReportPeriod.Week => scorecard.ByWeek,
        _ => scorecard.ByMonth,
    };

    private static List<TrendPoint> BuildTrend(Scorecard scorecard, ScorecardHtmlOptions options, ScoringModel model, ReportPeriod period)
    {
        var points = new List<TrendPoint>();
        var all = PeriodsOf(scorecard, period);
        Add(points, AllTouchpoints, 0, "all touchpoints", all);

        // Each touchpoint's own line: from the touchpoint scorecards when given, else from the scorecard's own touchpoint
        // × day cells (ScorecardOptions.ByTouchpointPeriod), which add up to the same figures.
        var partitions = options.TouchpointScorecards;
        if (partitions is null && !scorecard.HasTouchpointPeriods)
        {
            return points;
        }

        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            ImmutableSortedDictionary<LocalDate, ScoreAggregate> own;
            if (partitions is not null)
            {
                if (!partitions.TryGetValue(touchpoint.Id, out var scorecardOfTouchpoint) || !scorecardOfTouchpoint.HasPeriods || scorecardOfTouchpoint.Scored == 0)
                {
                    continue;
                }

                own = PeriodsOf(scorecardOfTouchpoint, period);
            }
            else
            {
                if (scorecard.ByTouchpoint[t].Count == 0)
                {
                    continue;
                }

                own = scorecard.TouchpointTrend(touchpoint.Id, CalendarPeriodOf(period));
            }

            var panel = $"{touchpoint.Name} ({touchpoint.Id})";
            Add(points, panel, t + 1, "all touchpoints", all);
            Add(points, panel, t + 1, "this touchpoint", own);
        }

        return points;
    }

    private static void Add(List<TrendPoint> points, string panel, int order, string series, ImmutableSortedDictionary<LocalDate, ScoreAggregate> periods)
    {
        foreach (var (date, aggregate) in periods)
        {
            if (aggregate.Count > 0)
            {
                points.Add(new TrendPoint(panel, order, series, date, aggregate.ScoreMean, aggregate.Count));
            }
        }
    }
}

/// <summary>The figures of one aggregate the report shows, letter vs spirit included (DOMAIN §7).</summary>
internal readonly record struct Figures(
    long Count, double Mean, double Below, double Within, double Above, double Kept,
    double KeptButMissed, double BrokenYetSatisfied, double BrokenAndMissed, double PromiseGapMean, double SettingGapMean)
{

    public static Figures Of(ScoreAggregate aggregate) => aggregate.Count == 0
        ? new Figures(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
        : new Figures(
            aggregate.Count, aggregate.ScoreMean, aggregate.ZoneShare(Zone.Below), aggregate.ZoneShare(Zone.Within), aggregate.ZoneShare(Zone.Above), aggregate.PromiseKeptRate,
            aggregate.KeptButMissedShare, aggregate.BrokenYetSatisfiedShare, (double)aggregate.BrokenAndMissedCount / aggregate.Count, aggregate.PromiseGapMean, aggregate.SettingGapMean);
}

/// <summary>One touchpoint's delivered outcomes beside its perceived ones (<see cref="Scorecard.PerceivedVsDelivered"/>); adequacies are mean s·(value − adequate)/scale.
/// <c>Rated</c> counts the outcomes whose carried rating was scored; <c>FinePoor</c> and <c>PoorFine</c> are the shares of them delivered fine but rated poor, and the reverse.</summary>
internal sealed record PerceivedRow(int Index, string Id, string Name, string Stage, Figures Delivered, Figures Perceived, double DeliveredAdequacy, double PerceivedAdequacy, double ScoreMeanGap, string Agreement, long Rated, double FinePoor, double PoorFine);

internal sealed record TouchpointRow(int Index, string Id, string Name, string Stage, int StageOrder, string Channel, string? Owner, Figures Figures);

/// <summary>An owning unit over all stages; <paramref name="Depth"/> counts the '/' of its path; <paramref name="Assigned"/> when a touchpoint names it itself (not only a sub-unit).</summary>
internal sealed record OwnerRow(string Owner, int Depth, bool Assigned, Figures Figures);

/// <summary>An owner's figures within one journey stage; <paramref name="WithSubUnits"/> when the stage also has touchpoints of its sub-units, which the figures include.</summary>
internal sealed record StageOwnerRow(string Stage, int StageOrder, string Owner, bool WithSubUnits, Figures Figures);

/// <summary>
/// One point of the letter-vs-spirit view: a promise (its id, wording and owner) when the scorecard has promise figures,
/// else a touchpoint; <paramref name="Verdict"/> is the promise review's (<see cref="PromiseReview.VerdictOf"/>), and
/// <paramref name="Weight"/> what its list is ranked by.
/// </summary>
internal sealed record LetterSpiritRow(string Kind, string Id, string Label, string? Owner, Figures Figures, PromiseVerdict Verdict, double Weight)
{
    public const string TouchpointKind = "touchpoint";

    public const string PromiseKind = "promise";

    /// <summary>Gets the verdict in the words the report (and the printed scorecard) uses.</summary>
    public string VerdictText => Verdicts.Text(Verdict);
}

/// <summary>The promise review's verdicts in the report's words, the same as the printed scorecard's.</summary>
internal static class Verdicts
{
    public const string SetTooLoose = "set too loose: change it";

    public const string SetTooStrict = "set too strict: change it";

    public const string KeepBetter = "keep it better";

    public const string Sound = "sound";

    /// <summary>Gets the verdicts in the order the report lists them (the legend's order).</summary>
    public static readonly string[] All = [SetTooLoose, SetTooStrict, KeepBetter, Sound];

    public static string Text(PromiseVerdict verdict) => verdict switch
    {
        PromiseVerdict.SetTooLoose => SetTooLoose,
        PromiseVerdict.SetTooStrict => SetTooStrict,
        PromiseVerdict.KeepBetter => KeepBetter,
        PromiseVerdict.Sound => Sound,
        _ => "no outcomes",
    };
}

internal sealed record StageRow(string Stage, int StageOrder, Figures Figures);

internal sealed record HotspotRow(int Rank, string Id, string Name, string Stage, double Share, double Cumulative, double WeightedShortfall);

internal sealed record RejectionRow(string Reason, long Count, double Share);

/// <summary>One point of a trend line; <paramref name="Change"/> describes a significant change of the mean score that ends in this period.</summary>
internal sealed record TrendPoint(string Panel, int PanelOrder, string Series, LocalDate Period, double Mean, long Count, string? Change = null);
