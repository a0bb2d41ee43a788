using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// The counts behind a <see cref="CascadeRiskReport"/>, fed one customer's journey at a time (<see cref="Begin"/>,
/// <see cref="Add"/> for each scored row, <see cref="End"/>), in O(n · c) for c contact touchpoints: the journey's
/// rows are put in journey order (instant, stage, touchpoint identifier; insertion sort, a journey holds few rows),
/// merged into contacts (customer, touchpoint, instant), and scanned backwards keeping, per contact touchpoint, the
/// earliest contact strictly later than the current instant, so each contact knows at once which contact touchpoints
/// follow it within the window.
/// </summary>
/// <remarks>Not thread-safe: one per pass.</remarks>
internal sealed class CascadeCounter
{
    private const int InsertionSortLimit = 32;
    private const long None = long.MinValue;

    private readonly ScoringPlan _plan;
    private readonly CascadeRiskOptions _options;
    private readonly long _window;
    private readonly int _touchpoints;
    private readonly int[] _contactColumn;
    private readonly int[] _contactTouchpoints;
    private readonly long[] _order;
    /// <summary>1 for a touchpoint at an early stage, else 0.</summary>
    private readonly int[] _early;

    /// <summary>Contacts per touchpoint a and shortfall s (0 or 1), at [2a + s].</summary>
    private readonly long[] _totals;

    /// <summary>Contacts followed per touchpoint a, contact column c and shortfall s, at [2(a · columns + c) + s].</summary>
    private readonly long[] _followed;

    /// <summary>Contacts at early touchpoints per shortfall s and whether they were followed f, at [2s + f].</summary>
    private readonly long[] _earlyCounts = new long[4];
    private readonly long[] _next;
    private readonly MonthOrdinals _months;
    private readonly MonthTable<long> _shortfallsByMonth = new();
    private Contact[] _journey = new Contact[64];
    private int _length;
    private long _contacts;

    /// <summary>Initializes a new instance of the <see cref="CascadeCounter"/> class.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">The options, validated.</param>
    /// <param name="zone">The time zone of the months of <see cref="CascadeRiskReport.ShortfallsByMonth"/>.</param>
    /// <exception cref="ArgumentException">Thrown when the options name a touchpoint the model does not define.</exception>
    internal CascadeCounter(ScoringPlan plan, CascadeRiskOptions options, DateTimeZone zone)
    {
        _plan = plan;
        _options = options;
        _touchpoints = plan.TouchpointCount;
        _contactColumn = new int[_touchpoints];
        var contacts = new List<int>();
        if (options.ContactTouchpointIds.Count == 0)
        {
            for (var t = 0; t < _touchpoints; t++)
            {
                contacts.Add(t);
            }
        }
        else
        {
            var isContact = new bool[_touchpoints];
            foreach (var id in options.ContactTouchpointIds)
            {
                if (!plan.TryGetTouchpointIndex(id, out var index))
                {
                    throw new ArgumentException($"CascadeRiskOptions.ContactTouchpointIds names touchpoint '{id}', which the model does not define.", nameof(options));
                }

                isContact[index] = true;
            }

            for (var t = 0; t < _touchpoints; t++)
            {
                if (isContact[t])
                {
                    contacts.Add(t);
                }
            }
        }

        _contactTouchpoints = [.. contacts];
        _contactColumn.AsSpan().Fill(-1);
        for (var c = 0; c < _contactTouchpoints.Length; c++)
        {
            _contactColumn[_contactTouchpoints[c]] = c;
        }

        var rank = Ranks(plan.Model.Touchpoints);
        _order = new long[_touchpoints];
        _early = new int[_touchpoints];
        for (var t = 0; t < _touchpoints; t++)
        {
            _order[t] = ((long)plan.TouchpointStage[t] << 32) | (uint)rank[t];
            _early[t] = plan.Model.Touchpoints[t].Stage <= options.LastEarlyStage ? 1 : 0;
        }

        _window = (long)options.Window.TotalNanoseconds;
        _totals = new long[2 * _touchpoints];
        _followed = new long[2 * _touchpoints * _contactTouchpoints.Length];
        _next = new long[_contactTouchpoints.Length];
        _months = new MonthOrdinals(zone);
    }

    /// <summary>Starts a customer's journey.</summary>
    internal void Begin() => _length = 0;

    /// <summary>Adds a scored row of the current customer, in any order.</summary>
    /// <param name="time">When it was observed.</param>
    /// <param name="touchpoint">Its touchpoint.</param>
    /// <param name="shortfall">Whether it fell below the zone (score &lt; 0).</param>
    internal void Add(long time, int touchpoint, bool shortfall)
    {
        if (_length == _journey.Length)
        {
            Array.Resize(ref _journey, _length * 2);
        }

        _journey[_length++] = new Contact(time, _order[touchpoint], touchpoint, shortfall);
    }

    /// <summary>Counts the current customer's contacts and follow-ons.</summary>
    internal void End()
    {
        var journey = _journey.AsSpan(0, _length);
        if (journey.Length <= InsertionSortLimit)
        {
            for (var i = 1; i < journey.Length; i++)
            {
                var x = journey[i];
                var j = i - 1;
                while (j >= 0 && Before(x, journey[j]))
                {
                    journey[j + 1] = journey[j];
                    j--;
                }

                journey[j + 1] = x;
            }
        }
        else
        {
            journey.Sort(static (x, y) => Before(x, y) ? -1 : Before(y, x) ? 1 : 0);
        }

        // One contact per (touchpoint, instant): a shortfall when any of its measures fell short.
        var m = 0;
        for (var i = 0; i < journey.Length; i++)
        {
            if (m > 0 && journey[m - 1].Time == journey[i].Time && journey[m - 1].Touchpoint == journey[i].Touchpoint)
            {
                journey[m - 1].Shortfall |= journey[i].Shortfall;
            }
            else
            {
                journey[m++] = journey[i];
            }
        }

        _contacts += m;
        var next = _next.AsSpan();
        next.Fill(None);
        var columns = next.Length;
        for (var last = m - 1; last >= 0;)
        {
            // The contacts at one instant see only strictly later ones: count them all, then make them the next ones.
            var first = last;
            while (first > 0 && journey[first - 1].Time == journey[last].Time)
            {
                first--;
            }

            for (var i = first; i <= last; i++)
            {
                Count(journey[i], next, columns);
            }

            for (var i = first; i <= last; i++)
            {
                var column = _contactColumn[journey[i].Touchpoint];
                if (column >= 0)
                {
                    next[column] = journey[i].Time;
                }
            }

            last = first - 1;
        }
    }

    /// <summary>Builds the report.</summary>
    /// <param name="received">The rows received.</param>
    /// <param name="scored">The rows scored.</param>
    internal CascadeRiskReport ToReport(long received, long scored)
    {
        var model = _plan.Model;
        var columns = _contactTouchpoints.Length;
        var pairs = new List<CascadeRisk>();
        for (var a = 0; a < _touchpoints; a++)
        {
            for (var c = 0; c < columns; c++)
            {
                var exposed = _followed[(2 * ((a * columns) + c)) + 1];
                var unexposed = _followed[2 * ((a * columns) + c)];
                if (exposed + unexposed > 0)
                {
                    var risk = RelativeRisk.Katz(exposed, _totals[(2 * a) + 1], unexposed, _totals[2 * a], _options.Z);
                    pairs.Add(new CascadeRisk(model.Touchpoints[a].Id, model.Touchpoints[_contactTouchpoints[c]].Id, risk));
                }
            }
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
        var byMonth = new Dictionary<(int, LocalDate), long>();
        for (var r = 0; r < _shortfallsByMonth.MonthCount; r++)
        {
            if (_shortfallsByMonth.Row(r) is { } row)
            {
                var month = MonthOrdinals.ToDate(_shortfallsByMonth.FirstMonth + r);
                for (var a = 0; a < row.Length; a++)
                {
                    if (row[a] > 0)
                    {
                        byMonth.Add((a, month), row[a]);
                    }
                }
            }
        }

        var earlyStage = RelativeRisk.Katz(_earlyCounts[3], _earlyCounts[2] + _earlyCounts[3], _earlyCounts[1], _earlyCounts[0] + _earlyCounts[1], _options.Z);
        return new CascadeRiskReport(_options.Window, received, scored, _contacts, [.. pairs], earlyStage, byMonth.ToFrozenDictionary());
    }

    internal static int[] Ranks(ImmutableArray<Touchpoint> touchpoints)
    {
        var order = Enumerable.Range(0, touchpoints.Length).OrderBy(i => touchpoints[i].Id, StringComparer.Ordinal).ToArray();
        var ranks = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    private static bool Before(in Contact x, in Contact y) => x.Time < y.Time || (x.Time == y.Time && x.Order < y.Order);

    /// <summary>Counts one contact, with few branches (whether a contact fell short or was followed is not predictable).</summary>
    private void Count(in Contact from, ReadOnlySpan<long> next, int columns)
    {
        var a = from.Touchpoint;
        var shortfall = from.Shortfall ? 1 : 0;
        _totals[(2 * a) + shortfall]++;
        if (from.Shortfall)
        {
            _shortfallsByMonth.At(_months.Of(from.Time), a)++;
        }

        var any = 0;
        var followed = _followed.AsSpan(2 * a * columns, 2 * columns);
        for (var c = 0; c < columns; c++)
        {
            var later = next[c];
            var hit = (later != None) & (later - from.Time <= _window) ? 1 : 0;
            followed[(2 * c) + shortfall] += hit;
            any |= hit;
        }

        var early = _early[a];
        _earlyCounts[2 * shortfall] += early & (any ^ 1);
        _earlyCounts[(2 * shortfall) + 1] += early & any;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Contact(long time, long order, int touchpoint, bool shortfall)
    {
        public readonly long Time = time;
        public readonly long Order = order;
        public readonly int Touchpoint = touchpoint;
        public bool Shortfall = shortfall;
    }
}
