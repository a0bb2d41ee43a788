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
            touchpoints.Add(new TouchpointRow(t, touchpoint.Id, touchpoint.Name, StageName(touchpoint.Stage), (int)touchpoint.Stage, touchpoint.Channel.Name, Figures.Of(scorecard.ByTouchpoint[t])));
        }

        Touchpoints = touchpoints;
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
    }

    public string Title { get; }

    public string ModelName { get; }

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

    internal static string StageName(JourneyStage stage) => stage.ToString().ToLowerInvariant();

    internal static string ReasonName(RejectionReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
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
        return days <= 62 ? ReportPeriod.Day : days <= 730 ? ReportPeriod.Week : ReportPeriod.Month;
    }

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
        if (options.TouchpointScorecards is not { } partitions)
        {
            return points;
        }

        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            if (!partitions.TryGetValue(touchpoint.Id, out var own) || !own.HasPeriods || own.Scored == 0)
            {
                continue;
            }

            var panel = $"{touchpoint.Name} ({touchpoint.Id})";
            Add(points, panel, t + 1, "all touchpoints", all);
            Add(points, panel, t + 1, "this touchpoint", PeriodsOf(own, period));
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

/// <summary>The figures of one aggregate the report shows.</summary>
internal readonly record struct Figures(long Count, double Mean, double Below, double Within, double Above, double Kept)
{
    public static Figures Of(ScoreAggregate aggregate) => aggregate.Count == 0
        ? new Figures(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
        : new Figures(aggregate.Count, aggregate.ScoreMean, aggregate.ZoneShare(Zone.Below), aggregate.ZoneShare(Zone.Within), aggregate.ZoneShare(Zone.Above), aggregate.PromiseKeptRate);
}

internal sealed record TouchpointRow(int Index, string Id, string Name, string Stage, int StageOrder, string Channel, Figures Figures);

internal sealed record StageRow(string Stage, int StageOrder, Figures Figures);

internal sealed record HotspotRow(int Rank, string Id, string Name, string Stage, double Share, double Cumulative, double WeightedShortfall);

internal sealed record RejectionRow(string Reason, long Count, double Share);

internal sealed record TrendPoint(string Panel, int PanelOrder, string Series, LocalDate Period, double Mean, long Count);
