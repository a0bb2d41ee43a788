using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxScoring.Kernels;
using CxScoring.Model;
using CxScoring.Plans;
using NodaTime;

namespace CxScoring.Journeys.Cascades;

/// <summary>
/// The counts behind a <see cref="CascadeRiskReport"/>, fed one customer's journey at a time (<see cref="AddJourney(ReadOnlySpan{JourneyMoment})"/>, or <see cref="Rows"/> filled by the caller and <see cref="AddJourney(ref JourneyRows, bool)"/>). A journey of at most <see cref="PairwiseLimit"/> rows
/// (with at most 64 contact touchpoints) is counted without ordering it: each row is compared with every other row
/// at its instant (rows of one touchpoint at one instant are one contact, a shortfall when any of them is, counted
/// at its first row) and with every row at a contact touchpoint (which ones fall within the window after it, as a
/// bit mask of contact touchpoints), in O(n²) predictable steps. A longer journey is put in journey order (instant,
/// stage, touchpoint identifier), merged into contacts (customer, touchpoint, instant) and scanned backwards keeping,
/// per contact touchpoint, the earliest contact strictly later than the current instant, in O(n log n + n · c) for c
/// contact touchpoints. Both give the same counts, since follow-ons only ask whether a contact lies in the window.
/// </summary>
/// <remarks>Not thread-safe: one per pass.</remarks>
internal sealed class CascadeCounter
{
    private const int InsertionSortLimit = 32;

    /// <summary>The longest journey counted pairwise (<see cref="EndPairwise"/>); longer ones are sorted and scanned.</summary>
    internal const int PairwiseLimit = 48;
    private const long None = long.MinValue;

    /// <summary>The shortfall contacts kept before their months are counted.</summary>
    internal const int PendingCapacity = 4096;

    private readonly ScoringPlan _plan;
    private readonly CascadeRiskOptions _options;
    private readonly long _window;
    private readonly int _touchpoints;
    private readonly int[] _contactColumn;
    private readonly int[] _contactTouchpoints;
    /// <summary>The rank of each touchpoint in journey order (stage, then identifier): 0, 1, … without gaps.</summary>
    private readonly int[] _rankOf;

    /// <summary>The touchpoint of each rank (<see cref="_rankOf"/> inverted).</summary>
    private readonly int[] _touchpointOfRank;

    /// <summary>The contact column of each rank, or −1 when its touchpoint is not a contact touchpoint.</summary>
    private readonly int[] _columnOfRank;

    /// <summary>1 for a touchpoint at an early stage, else 0.</summary>
    private readonly int[] _early;

    /// <summary>Contacts per touchpoint a and shortfall s (0 or 1), at [2a + s].</summary>
    private readonly long[] _totals;

    /// <summary>Contacts followed per touchpoint a, contact column c and shortfall s, at [2(a · columns + c) + s].</summary>
    private readonly long[] _followed;

    /// <summary>Contacts at early touchpoints per shortfall s and whether they were followed f, at [2s + f].</summary>
    private readonly long[] _earlyCounts = new long[4];
    private readonly long[] _next;

    /// <summary>Per touchpoint, the bit of its contact column (0 when it is not a contact touchpoint).</summary>
    private readonly ulong[] _columnBit;
    private readonly int _pairwiseLimit;

    /// <summary>The touchpoint of each plan cell.</summary>
    private readonly int[] _touchpointOfCell;
    private readonly MonthOrdinals _months;
    private readonly MonthTable<long> _shortfallsByMonth = new();
    private Contact[] _journey = new Contact[64];

    /// <summary>The current journey's rows: instants, and touchpoint · 2 + 1 for a shortfall.</summary>
    private long[] _times = new long[64];
    private int[] _codes = new int[64];

    /// <summary>The current journey's rows at contact touchpoints: instants and contact-column bits.</summary>
    private long[] _contactTimes = new long[64];
    private ulong[] _contactBits = new ulong[64];
    private int _contactRows;

    /// <summary>Whether the current journey's rows are in order of their instants.</summary>
    private bool _byInstant;

    /// <summary>Shortfall contacts not yet counted per month (<see cref="FlushShortfalls"/>): their instants and touchpoints.</summary>
    private long[] _pendingTimes;
    private int[] _pendingTouchpoints;
    private int _pending;
    private int _length;
    private long _contacts;

    /// <summary>Initializes a new instance of the <see cref="CascadeCounter"/> class.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">The options, validated.</param>
    /// <param name="zone">The time zone of the months of <see cref="CascadeRiskReport.ShortfallsByMonth"/>.</param>
    /// <param name="pendingCapacity">The shortfall contacts kept before their months are counted (<see cref="PendingCapacity"/>; smaller in tests, to count them many times in a pass).</param>
    /// <param name="pairwiseLimit">The longest journey counted pairwise (<see cref="PairwiseLimit"/>; 0 in tests, to count every journey by sorting).</param>
    /// <exception cref="ArgumentException">Thrown when the options name a touchpoint the model does not define.</exception>
    internal CascadeCounter(ScoringPlan plan, CascadeRiskOptions options, DateTimeZone zone, int pendingCapacity = PendingCapacity, int pairwiseLimit = PairwiseLimit)
    {
        _pendingTimes = new long[pendingCapacity];
        _pendingTouchpoints = new int[pendingCapacity];
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

        // Journey order of touchpoints: stage, then identifier (its ordinal rank), as one dense rank per touchpoint.
        var rank = Ranks(plan.Model.Touchpoints);
        _touchpointOfRank = [.. Enumerable.Range(0, _touchpoints).OrderBy(t => ((long)plan.TouchpointStage[t] << 32) | (uint)rank[t])];
        _rankOf = new int[_touchpoints];
        _columnOfRank = new int[_touchpoints];
        _early = new int[_touchpoints];
        for (var r = 0; r < _touchpoints; r++)
        {
            _rankOf[_touchpointOfRank[r]] = r;
            _columnOfRank[r] = _contactColumn[_touchpointOfRank[r]];
        }

        for (var t = 0; t < _touchpoints; t++)
        {
            _early[t] = plan.Model.Touchpoints[t].Stage <= options.LastEarlyStage ? 1 : 0;
        }

        _window = (long)options.Window.TotalNanoseconds;
        _totals = new long[2 * _touchpoints];
        _followed = new long[2 * _touchpoints * _contactTouchpoints.Length];
        _next = new long[_contactTouchpoints.Length];
        _columnBit = new ulong[_touchpoints];
        for (var c = 0; c < Math.Min(_contactTouchpoints.Length, 64); c++)
        {
            _columnBit[_contactTouchpoints[c]] = 1UL << c;
        }

        _pairwiseLimit = _contactTouchpoints.Length <= 64 ? pairwiseLimit : 0;
        var perTouchpoint = plan.MeasureCount * plan.SegmentSlots;
        _touchpointOfCell = new int[_touchpoints * perTouchpoint];
        for (var c = 0; c < _touchpointOfCell.Length; c++)
        {
            _touchpointOfCell[c] = c / perTouchpoint;
        }
        _months = new MonthOrdinals(zone);
    }

    /// <summary>Counts one customer's journey: its contacts and their follow-ons.</summary>
    /// <param name="journey">The customer's scored moments, in any order.</param>
    internal void AddJourney(ReadOnlySpan<JourneyMoment> journey)
    {
        var rows = Rows(journey.Length);
        var touchpointOfCell = _touchpointOfCell;
        for (var i = 0; i < journey.Length; i++)
        {
            ref readonly var moment = ref journey[i];
            rows.Add(i, moment.Time, touchpointOfCell[moment.Cell], moment.Score);
        }

        AddJourney(ref rows);
    }

    /// <summary>
    /// The row buffers of a journey of <paramref name="length"/> rows, to be filled (by the journey fold of the one pass,
    /// which reads the moments anyway) and then counted with
    /// <see cref="AddJourney(ref JourneyRows, bool)"/>.
    /// </summary>
    /// <param name="length">The journey's rows.</param>
    /// <returns>The buffers.</returns>
    internal JourneyRows Rows(int length)
    {
        if (length > _times.Length)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)length);
            _times = new long[size];
            _codes = new int[size];
            _contactTimes = new long[size];
            _contactBits = new ulong[size];
        }

        return new JourneyRows(_times.AsSpan(0, length), _codes.AsSpan(0, length), _contactTimes.AsSpan(0, length), _contactBits.AsSpan(0, length), _columnBit);
    }

    /// <summary>Counts one customer's journey whose every row <paramref name="rows"/> (from <see cref="Rows"/>) has taken.</summary>
    /// <param name="rows">The journey's rows.</param>
    /// <param name="byInstant">Whether the rows were taken in order of their instants (then two rows share an instant only when two neighbours do).</param>
    internal void AddJourney(ref JourneyRows rows, bool byInstant = false)
    {
        _length = rows.Length;
        _contactRows = rows.ContactRows;
        _byInstant = byInstant;
        End();
    }

    /// <summary>Counts the current customer's contacts and follow-ons.</summary>
    private void End()
    {
        var n = _length;
        if (_pending + n > _pendingTimes.Length)
        {
            FlushShortfalls();
            if (n > _pendingTimes.Length)
            {
                _pendingTimes = new long[n];
                _pendingTouchpoints = new int[n];
            }
        }

        if (n <= _pairwiseLimit)
        {
            EndPairwise(n);
        }
        else
        {
            EndSorted(n);
        }
    }

    /// <summary>
    /// Counts a short journey without ordering it: a row is a contact unless an earlier row has its touchpoint and
    /// instant (a shortfall when any row of them is), and the contact touchpoints that follow it are those of the rows
    /// at contact touchpoints strictly later and within the window.
    /// </summary>
    private void EndPairwise(int n)
    {
        var times = _times.AsSpan(0, n);
        var codes = _codes.AsSpan(0, n);
        var contactTimes = _contactTimes.AsSpan();
        var contactBits = _contactBits.AsSpan();
        var contactRows = _contactRows;
        var window = (ulong)_window;
        var shared = _byInstant ? ContactKernel.SharesAnInstantInOrder(times) : ContactKernel.SharesAnInstant(times);

        // The counters' arrays and the running counts in locals for the journey, so that the loop neither reloads the
        // fields after each store nor writes the counts back row by row.
        var totals = _totals;
        var followed = _followed;
        var early = _early;
        var earlyCounts = _earlyCounts;
        var pendingTimes = _pendingTimes;
        var pendingTouchpoints = _pendingTouchpoints;
        var pending = _pending;
        var columns = _next.Length;
        var contacts = 0;
        for (var i = 0; i < times.Length; i++)
        {
            var time = times[i];
            var code = codes[i];
            var touchpoint = code >> 1;
            var shortfall = code & 1;
            if (shared)
            {
                // Rows of one touchpoint at one instant are one contact, counted at its first row.
                var repeated = 0;
                for (var j = 0; j < times.Length; j++)
                {
                    if (times[j] == time && j != i && codes[j] >> 1 == touchpoint)
                    {
                        shortfall |= codes[j] & 1;
                        repeated |= j < i ? 1 : 0;
                    }
                }

                if (repeated != 0)
                {
                    continue;
                }
            }

            var followers = ContactKernel.Followers(contactTimes, contactBits, contactRows, time, window);
            contacts++;
            totals[(2 * touchpoint) + shortfall]++;

            // Written whatever the contact, kept only when it fell short: its month is looked up later, in a loop of its own.
            pendingTimes[pending] = time;
            pendingTouchpoints[pending] = touchpoint;
            pending += shortfall;
            var row = 2 * touchpoint * columns;
            for (var c = 0; c < columns; c++)
            {
                followed[row + (2 * c) + shortfall] += (long)((followers >> c) & 1);
            }

            var any = followers != 0 ? 1 : 0;
            var isEarly = early[touchpoint];
            earlyCounts[2 * shortfall] += isEarly & (any ^ 1);
            earlyCounts[(2 * shortfall) + 1] += isEarly & any;
        }

        _pending = pending;
        _contacts += contacts;
    }

    /// <summary>Counts a journey by ordering it (instant, rank, shortfall) and scanning it backwards.</summary>
    private void EndSorted(int n)
    {
        if (n > _journey.Length)
        {
            _journey = new Contact[(int)BitOperations.RoundUpToPowerOf2((uint)n)];
        }

        var journey = _journey.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            var code = _codes[i];
            journey[i] = new Contact(_times[i], (_rankOf[code >> 1] << 1) | (code & 1));
        }

        if (journey.Length <= InsertionSortLimit)
        {
            // A journey holds few rows: an insertion sort of 16-byte contacts by (instant, rank, shortfall).
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

        // Backwards, an instant at a time: the contacts at one instant see only strictly later ones. Rows of one
        // touchpoint at one instant are adjacent (same rank) and are one contact, a shortfall when any of them is.
        var next = _next.AsSpan();
        next.Fill(None);
        var columns = next.Length;
        for (var last = journey.Length - 1; last >= 0;)
        {
            var time = journey[last].Time;
            var first = last;
            while (first > 0 && journey[first - 1].Time == time)
            {
                first--;
            }

            for (var i = first; i <= last;)
            {
                var key = journey[i].Key;
                var rank = key >> 1;
                var shortfall = key & 1;
                for (i++; i <= last && journey[i].Key >> 1 == rank; i++)
                {
                    shortfall |= journey[i].Key & 1;
                }

                Count(_touchpointOfRank[rank], shortfall, time, next, columns);
            }

            for (var i = first; i <= last; i++)
            {
                var column = _columnOfRank[journey[i].Key >> 1];
                if (column >= 0)
                {
                    next[column] = time;
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
        FlushShortfalls();
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

        pairs.Sort(ComparePairs);
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

    /// <summary>Counts the pending shortfall contacts per touchpoint and month.</summary>
    private void FlushShortfalls()
    {
        for (var i = 0; i < _pending; i++)
        {
            _shortfallsByMonth.At(_months.Of(_pendingTimes[i]), _pendingTouchpoints[i])++;
        }

        _pending = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Contact x, in Contact y) => x.Time < y.Time || (x.Time == y.Time && x.Key < y.Key);

    /// <summary>Counts one contact, with few branches (whether a contact fell short or was followed is not predictable).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int a, int shortfall, long time, ReadOnlySpan<long> next, int columns)
    {
        CountContact(a, shortfall, time);
        var any = 0;
        var followed = _followed.AsSpan(2 * a * columns, 2 * columns);
        for (var c = 0; c < columns; c++)
        {
            var later = next[c];
            var hit = (later != None) & ((ulong)(later - time) <= (ulong)_window) ? 1 : 0;
            followed[(2 * c) + shortfall] += hit;
            any |= hit;
        }

        CountEarly(a, shortfall, any);
    }

    /// <summary>Counts a contact at touchpoint <paramref name="a"/> and keeps it for its month when it fell short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountContact(int a, int shortfall, long time)
    {
        _contacts++;
        _totals[(2 * a) + shortfall]++;

        // Written whatever the contact, kept only when it fell short: its month is looked up later, in a loop of its own.
        _pendingTimes[_pending] = time;
        _pendingTouchpoints[_pending] = a;
        _pending += shortfall;
    }

    /// <summary>Counts a contact at an early-stage touchpoint by whether it fell short and whether any contact followed it (<paramref name="any"/> 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountEarly(int a, int shortfall, int any)
    {
        var early = _early[a];
        _earlyCounts[2 * shortfall] += early & (any ^ 1);
        _earlyCounts[(2 * shortfall) + 1] += early & any;
    }

    /// <summary>
    /// A journey's rows as the count takes them: each row's instant and touchpoint · 2 + 1 for a shortfall; its instant
    /// and contact-column bit written for every row and kept only for a row at a contact touchpoint (no branch on it).
    /// </summary>
    internal ref struct JourneyRows : IMomentRows
    {
        private readonly Span<long> _times;
        private readonly Span<int> _codes;
        private readonly Span<long> _contactTimes;
        private readonly Span<ulong> _contactBits;
        private readonly ReadOnlySpan<ulong> _columnBit;
        private int _contactRows;

        internal JourneyRows(Span<long> times, Span<int> codes, Span<long> contactTimes, Span<ulong> contactBits, ReadOnlySpan<ulong> columnBit)
        {
            _times = times;
            _codes = codes;
            _contactTimes = contactTimes;
            _contactBits = contactBits;
            _columnBit = columnBit;
        }

        /// <summary>Gets the journey's rows.</summary>
        internal readonly int Length => _times.Length;

        /// <summary>Gets the rows at contact touchpoints taken so far.</summary>
        internal readonly int ContactRows => _contactRows;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index, long time, int touchpoint, double score)
        {
            _times[index] = time;
            _codes[index] = (touchpoint << 1) | (score < 0 ? 1 : 0);
            var bit = _columnBit[touchpoint];
            var k = _contactRows;
            _contactTimes[k] = time;
            _contactBits[k] = bit;
            _contactRows = k + (bit != 0 ? 1 : 0);
        }
    }

    /// <summary>A scored row as a contact, 16 bytes: its instant, and its touchpoint's rank in journey order · 2 + 1 when it fell short.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Contact(long time, int key)
    {
        public readonly long Time = time;
        public readonly int Key = key;
    }

    /// <summary>The report's order of pairs: most excess follow-ons first, then by the two touchpoint identifiers.</summary>
    internal static int ComparePairs(CascadeRisk x, CascadeRisk y)
    {
        var c = y.ExcessFollowOns.CompareTo(x.ExcessFollowOns);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.FromTouchpointId, y.FromTouchpointId);
        return c != 0 ? c : string.CompareOrdinal(x.ToTouchpointId, y.ToTouchpointId);
    }
}
