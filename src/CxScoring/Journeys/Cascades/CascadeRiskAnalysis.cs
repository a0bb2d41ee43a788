using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// Cascades with a baseline, on the engine's rows: is a follow-on contact at B more likely after a shortfall at A than
/// after a contact at A that went well? For each pair A → B the analysis counts, over the contacts at A, those with a
/// shortfall (exposed) and those without (unexposed), and how many of each were followed within the window by a
/// contact at B by the same customer, and reports the relative risk with its Katz interval (<see cref="RelativeRisk"/>).
/// </summary>
/// <remarks>
/// <para>A contact is a distinct (customer, touchpoint, instant): several measures observed at one call are one contact,
/// which is a shortfall when any of them fell below the zone of tolerance. A contact at B follows one at A when it is
/// strictly later and at most the window after it; each contact at A counts once per B, however many contacts at B
/// follow it. A → A counts repeat contacts.</para>
/// <para>Order: follow-ons depend on time, so each customer's contacts are put in time order (instant, then stage,
/// then touchpoint identifier). The rows may come in any order: the analysis groups the scored rows by customer with
/// a counting sort (O(n); 8 bytes per row and about 50 bytes per customer), orders each customer's few contacts and
/// scans them backwards, so its result does not depend on the order or the split of the input.</para>
/// <para>All members are pure functions of their arguments and safe to call from any number of threads.</para>
/// </remarks>
public static class CascadeRiskAnalysis
{
    /// <summary>Analyzes cascades over rows.</summary>
    /// <param name="plan">The plan that scores the rows.</param>
    /// <param name="rows">The rows, in any order; <see cref="OutcomeRow.CustomerKey"/> identifies the customer.</param>
    /// <param name="options">The window, contact touchpoints and early stages; <see cref="CascadeRiskOptions.Default"/> when omitted.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a property of <paramref name="options"/> is invalid (an <see cref="ArgumentOutOfRangeException"/> when it is outside its range), or names a touchpoint the model does not define; the message names it.</exception>
    public static CascadeRiskReport Analyze(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options = null)
        => Analyze(plan, rows, options, DateTimeZone.Utc);

    internal static CascadeRiskReport Analyze(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options, DateTimeZone zone)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        var counter = new CascadeCounter(plan, options ?? CascadeRiskOptions.Default, zone);
        var none = default(NoScoredRowSink);
        var grouped = CustomerRows.Build(plan, rows, ref none);
        var visitor = new ContactVisitor(new CellDecoder(plan), counter);
        grouped.Visit(ref visitor);
        return counter.ToReport(rows.Length, grouped.Scored);
    }

    /// <summary>
    /// The reference path: scores each row through <see cref="ScoringPlan.TryScore(in OutcomeRow, out Gaps.GapResult, out Gaps.RejectionReason)"/>,
    /// sorts a copy of the scored contacts by customer, instant and journey order (O(n log n), 40 bytes per scored row)
    /// and scans forward for follow-ons. <see cref="Analyze(ScoringPlan, ReadOnlySpan{OutcomeRow}, CascadeRiskOptions?, DateTimeZone)"/>
    /// gives the same report; tests hold the two to it.
    /// </summary>
    internal static CascadeRiskReport AnalyzeBySorting(ScoringPlan plan, ReadOnlySpan<OutcomeRow> rows, CascadeRiskOptions? options, DateTimeZone zone)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        options ??= CascadeRiskOptions.Default;
        var touchpoints = plan.TouchpointCount;
        var isContact = new bool[touchpoints];
        if (options.ContactTouchpointIds.Count == 0)
        {
            isContact.AsSpan().Fill(true);
        }
        else
        {
            foreach (var id in options.ContactTouchpointIds)
            {
                if (!plan.TryGetTouchpointIndex(id, out var index))
                {
                    throw new ArgumentException($"CascadeRiskOptions.ContactTouchpointIds names touchpoint '{id}', which the model does not define.", nameof(options));
                }

                isContact[index] = true;
            }
        }

        var rank = Ranks(plan.Model.Touchpoints);
        var early = new bool[touchpoints];
        for (var t = 0; t < touchpoints; t++)
        {
            early[t] = plan.Model.Touchpoints[t].Stage <= options.LastEarlyStage;
        }

        // Score once; keep one record per scored row, then sort by customer, instant and journey order.
        var contacts = new Contact[rows.Length];
        var n = 0;
        foreach (ref readonly var row in rows)
        {
            if (plan.TryScore(row, out var gap, out _))
            {
                var t = row.TouchpointIndex;
                contacts[n++] = new Contact(row.CustomerKey, row.ObservedAtNanoseconds, ((long)plan.TouchpointStage[t] << 32) | (uint)rank[t], t, gap.Score < 0);
            }
        }

        var scored = n;
        var span = contacts.AsSpan(0, n);
        span.Sort(static (x, y) =>
        {
            var c = x.Customer.CompareTo(y.Customer);
            if (c != 0)
            {
                return c;
            }

            c = x.Time.CompareTo(y.Time);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        });

        // One contact per (customer, touchpoint, instant): a shortfall when any of its measures fell short.
        var m = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (m > 0 && span[m - 1].Customer == span[i].Customer && span[m - 1].Time == span[i].Time && span[m - 1].Touchpoint == span[i].Touchpoint)
            {
                span[m - 1].Shortfall |= span[i].Shortfall;
            }
            else
            {
                span[m++] = span[i];
            }
        }

        span = span[..m];
        var window = (long)options.Window.TotalNanoseconds;
        var exposedTotal = new long[touchpoints];
        var unexposedTotal = new long[touchpoints];
        var followed = new Dictionary<long, (long Exposed, long Unexposed)>();
        var seen = new int[touchpoints];
        var stamp = 0;
        long earlyExposed = 0, earlyExposedFollowed = 0, earlyUnexposed = 0, earlyUnexposedFollowed = 0;
        var calendar = CalendarIndex.For(zone);
        var byMonth = new Dictionary<(int, LocalDate), long>();
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var from = ref span[i];
            var a = from.Touchpoint;
            if (from.Shortfall)
            {
                exposedTotal[a]++;
                var day = CalendarIndex.DateOf(calendar.DayOf(from.Time));
                var key = (a, new LocalDate(day.Year, day.Month, 1));
                byMonth[key] = byMonth.GetValueOrDefault(key) + 1;
            }
            else
            {
                unexposedTotal[a]++;
            }

            stamp++;
            var any = false;
            for (var j = i + 1; j < span.Length && span[j].Customer == from.Customer && span[j].Time - from.Time <= window; j++)
            {
                var b = span[j].Touchpoint;
                if (span[j].Time == from.Time || !isContact[b])
                {
                    continue;
                }

                any = true;
                if (seen[b] != stamp)
                {
                    seen[b] = stamp;
                    ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(followed, ((long)a * touchpoints) + b, out _);
                    counts = from.Shortfall ? (counts.Exposed + 1, counts.Unexposed) : (counts.Exposed, counts.Unexposed + 1);
                }
            }

            if (early[a])
            {
                if (from.Shortfall)
                {
                    earlyExposed++;
                    earlyExposedFollowed += any ? 1 : 0;
                }
                else
                {
                    earlyUnexposed++;
                    earlyUnexposedFollowed += any ? 1 : 0;
                }
            }
        }

        var pairs = new List<CascadeRisk>(followed.Count);
        foreach (var (key, counts) in followed)
        {
            var a = (int)(key / touchpoints);
            var b = (int)(key % touchpoints);
            var risk = RelativeRisk.Katz(counts.Exposed, exposedTotal[a], counts.Unexposed, unexposedTotal[a], options.Z);
            pairs.Add(new CascadeRisk(plan.Model.Touchpoints[a].Id, plan.Model.Touchpoints[b].Id, risk));
        }

        pairs.Sort(static (x, y) =>
        {
            var c = y.ExcessFollowOns.CompareTo(x.ExcessFollowOns);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(x.FromTouchpointId, y.FromTouchpointId);
            return c != 0 ? c : string.CompareOrdinal(x.ToTouchpointId, y.ToTouchpointId);
        });
        var earlyStage = RelativeRisk.Katz(earlyExposedFollowed, earlyExposed, earlyUnexposedFollowed, earlyUnexposed, options.Z);
        return new CascadeRiskReport(options.Window, rows.Length, scored, m, [.. pairs], earlyStage, System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(byMonth));
    }

    private static int[] Ranks(ImmutableArray<Touchpoint> touchpoints)
    {
        var order = Enumerable.Range(0, touchpoints.Length).OrderBy(i => touchpoints[i].Id, StringComparer.Ordinal).ToArray();
        var ranks = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    private readonly struct ContactVisitor(CellDecoder cells, CascadeCounter counter) : IJourneyVisitor
    {
        public void Visit(ReadOnlySpan<JourneyMoment> journey)
        {
            counter.Begin();
            foreach (ref readonly var moment in journey)
            {
                counter.Add(moment.Time, cells.Touchpoint(moment.Cell), moment.Score < 0);
            }

            counter.End();
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Contact(long customer, long time, long order, int touchpoint, bool shortfall)
    {
        public readonly long Customer = customer;
        public readonly long Time = time;
        public readonly long Order = order;
        public readonly int Touchpoint = touchpoint;
        public bool Shortfall = shortfall;
    }
}
