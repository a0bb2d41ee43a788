using CxScoring.Events;
using CxScoring.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Outcome = CxScoring.Model.Outcome;

namespace CxScoring.Tests.Events;

/// <summary>A set of tickets (start and end) and two interleavings of their events that keep each ticket's start before its end.</summary>
public sealed record Interleavings(Outcome[] Expected, OutcomeEvent[] First, OutcomeEvent[] Second)
{
    public override string ToString() => $"{Expected.Length} tickets";
}

/// <summary>Any mix of well-formed, repeated, orphaned and malformed events.</summary>
public sealed record EventSoup(OutcomeEvent[] Events, int MaxOpenStarts, int TimeoutHours, int Remembered)
{
    public override string ToString() => $"{Events.Length} events, cap {MaxOpenStarts}, timeout {TimeoutHours} h, remembered {Remembered}";
}

public sealed class EventPairerTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 9, 0);

    private static OutcomeEvent Start(string key, Instant at) => OutcomeEvent.Start(key, at, "c-" + key, "complaint-email", "reply-time", "consumer");

    public static Arbitrary<Interleavings> InterleavingsArb()
        => Arb.From(
            from count in Gen.Choose(0, 60)
            from starts in Gen.ArrayOf(Gen.Choose(0, 365 * 24 * 60), count)
            from durations in Gen.ArrayOf(Gen.Choose(0, 20 * 24 * 60), count)
            from seedA in Gen.Choose(0, int.MaxValue)
            from seedB in Gen.Choose(0, int.MaxValue)
            select Build(starts, durations, seedA, seedB));

    public static Arbitrary<EventSoup> SoupArb()
    {
        var item =
            from kind in Gen.Choose(0, 9)
            from key in Gen.Choose(0, 12)
            from minutes in Gen.Choose(0, 30 * 24 * 60)
            select kind switch
            {
                0 => default,
                < 5 => Start("k" + key, T0 + Duration.FromMinutes(minutes)),
                _ => OutcomeEvent.End("k" + key, T0 + Duration.FromMinutes(minutes)),
            };
        return Arb.From(
            from events in Gen.ListOf(item)
            from cap in Gen.Choose(1, 8)
            from timeout in Gen.Choose(1, 24 * 40)
            from remembered in Gen.Choose(0, 5)
            select new EventSoup([.. events], cap, timeout, remembered));
    }

    [Property(Arbitrary = new[] { typeof(EventPairerTests) }, MaxTest = 200)]
    public void Pair_AnyInterleavingOfTheSameTickets_GivesTheSameOutcomes(Interleavings sample)
    {
        var options = new EventPairingOptions { StartTimeout = Duration.FromDays(3650) };
        var first = new EventPairer(options);
        var second = new EventPairer(options);
        var a = first.Pair(sample.First).ToList();
        var b = second.Pair(sample.Second).ToList();
        Assert.Equal(Sorted(sample.Expected), Sorted(a));
        Assert.Equal(Sorted(a), Sorted(b));
        Assert.Equal(sample.Expected.Length, first.Report.Paired);
        Assert.True(first.Report.IsBalanced, first.Report.ToString());
        Assert.Equal(0, first.Report.UnmatchedStarts);
    }

    [Property(Arbitrary = new[] { typeof(EventPairerTests) }, MaxTest = 300)]
    public void Pair_AnyEvents_CountsEveryEventExactlyOnce(EventSoup soup)
    {
        var pairer = new EventPairer(new EventPairingOptions
        {
            MaxOpenStarts = soup.MaxOpenStarts,
            StartTimeout = Duration.FromHours(soup.TimeoutHours),
            MaxClosedKeysRemembered = soup.Remembered,
        });
        var outcomes = pairer.Pair(soup.Events).ToList();
        var report = pairer.Report;
        Assert.Equal(soup.Events.Length, report.EventsRead);
        Assert.Equal(outcomes.Count, report.Paired);
        Assert.True(report.IsBalanced, report.ToString());
        Assert.InRange(report.Open, 0, soup.MaxOpenStarts);
        Assert.All(outcomes, o => Assert.InRange(o.Value, 0, soup.TimeoutHours * 3600.0));
    }

    [Fact]
    public void Pair_StartAndEnd_MakeADurationOutcomeWithTheRequest()
    {
        var pairer = new EventPairer();
        var outcome = Assert.Single(pairer.Pair([Start("t1", T0), OutcomeEvent.End("t1", T0 + Duration.FromHours(30))]));
        Assert.Equal(new Outcome("c-t1", "complaint-email", "reply-time", 30 * 3600, T0 + Duration.FromHours(30), "consumer", requestedAt: T0), outcome);
    }

    [Fact]
    public void Pair_StartOlderThanTheTimeout_IsTimedOutAndItsEndIsLate()
    {
        var pairer = new EventPairer(new EventPairingOptions { StartTimeout = Duration.FromDays(30) });
        var outcomes = pairer.Pair([Start("old", T0), Start("new", T0 + Duration.FromDays(31)), OutcomeEvent.End("old", T0 + Duration.FromDays(32))]).ToList();
        Assert.Empty(outcomes);
        Assert.Equal(1, pairer.Report.TimedOut);
        Assert.Equal(1, pairer.Report.LateEnds);
        Assert.Equal(1, pairer.Report.Open);
        Assert.True(pairer.Report.IsBalanced);
    }

    [Fact]
    public void Pair_MoreOpenStartsThanTheCap_EvictsTheOldest()
    {
        var pairer = new EventPairer(new EventPairingOptions { MaxOpenStarts = 2 });
        var outcomes = pairer.Pair([Start("a", T0 + Duration.FromHours(2)), Start("b", T0), Start("c", T0 + Duration.FromHours(1)), OutcomeEvent.End("b", T0 + Duration.FromHours(3)), OutcomeEvent.End("a", T0 + Duration.FromHours(4))]).ToList();
        Assert.Equal("c-a", Assert.Single(outcomes).CustomerId);
        Assert.Equal(1, pairer.Report.Evicted);
        Assert.Equal(1, pairer.Report.LateEnds);
        Assert.Equal(1, pairer.Report.Open);
        Assert.True(pairer.Report.IsBalanced);
    }

    [Fact]
    public void Pair_RepeatedEndsAndStarts_AreCountedAsDuplicates()
    {
        var pairer = new EventPairer();
        var outcomes = pairer.Pair([Start("a", T0), Start("a", T0 + Duration.FromMinutes(1)), OutcomeEvent.End("a", T0 + Duration.FromHours(1)), OutcomeEvent.End("a", T0 + Duration.FromHours(2)), OutcomeEvent.End("zz", T0)]).ToList();
        Assert.Equal(3600, Assert.Single(outcomes).Value);
        Assert.Equal(1, pairer.Report.DuplicateStarts);
        Assert.Equal(1, pairer.Report.DuplicateEnds);
        Assert.Equal(1, pairer.Report.LateEnds);
        Assert.True(pairer.Report.IsBalanced);
    }

    [Fact]
    public void Pair_EndBeforeStartAndDefaultEvents_AreMalformed()
    {
        var pairer = new EventPairer();
        Assert.Empty(pairer.Pair([Start("a", T0), OutcomeEvent.End("a", T0 - Duration.FromHours(1)), default]));
        Assert.Equal(3, pairer.Report.Malformed);
        Assert.Equal(0, pairer.Report.Open);
        Assert.True(pairer.Report.IsBalanced);
    }

    [Fact]
    public void Pair_SameChannelMeasure_ScoresAChatAnsweredByLetterAsAGap()
    {
        var pairer = new EventPairer(new EventPairingOptions { SameChannelMeasureId = "same-channel" });
        OutcomeEvent[] events =
        [
            OutcomeEvent.Start("a", T0, "c1", "offer-chat", "reply-time", channel: Channel.Chat),
            OutcomeEvent.Start("b", T0, "c2", "offer-chat", "reply-time", channel: Channel.Chat),
            OutcomeEvent.Start("c", T0, "c3", "offer-chat", "reply-time", channel: Channel.Chat),
            OutcomeEvent.End("a", T0 + Duration.FromMinutes(3), Channel.Chat),
            OutcomeEvent.End("b", T0 + Duration.FromDays(4), Channel.Letter),
            OutcomeEvent.End("c", T0 + Duration.FromMinutes(9)),
        ];
        var outcomes = pairer.Pair(events).ToList();
        Assert.Equal(
            [("c1", "reply-time", 180.0), ("c1", "same-channel", 1.0), ("c2", "reply-time", 4 * 86400.0), ("c2", "same-channel", 0.0), ("c3", "reply-time", 540.0)],
            outcomes.Select(o => (o.CustomerId, o.MeasureId, o.Value)));
        Assert.Equal(3, pairer.Report.Paired);
        Assert.Equal(2, pairer.Report.SameChannelOutcomes);
        Assert.Equal(1, pairer.Report.OtherChannelReplies);
        Assert.True(pairer.Report.IsBalanced);
    }

    [Fact]
    public void Options_SameChannelMeasureWithSpaces_ThrowsNamingTheOptions()
        => Assert.Equal("options", Assert.Throws<ArgumentException>(() => new EventPairer(new EventPairingOptions { SameChannelMeasureId = "same channel" })).ParamName);

    [Fact]
    public void Pair_ReopenedKey_PairsAgain()
    {
        var pairer = new EventPairer();
        var outcomes = pairer.Pair([Start("a", T0), OutcomeEvent.End("a", T0 + Duration.FromHours(1)), Start("a", T0 + Duration.FromHours(5)), OutcomeEvent.End("a", T0 + Duration.FromHours(7))]).ToList();
        Assert.Equal([3600.0, 7200.0], outcomes.Select(o => o.Value));
    }

    [Fact]
    public async Task PairAsync_GivesTheSameOutcomesAndReportAsPair()
    {
        OutcomeEvent[] events = [Start("a", T0), Start("b", T0), OutcomeEvent.End("b", T0 + Duration.FromHours(1)), OutcomeEvent.End("x", T0), OutcomeEvent.End("a", T0 + Duration.FromHours(9))];
        var sync = new EventPairer();
        var expected = sync.Pair(events).ToList();
        var pairer = new EventPairer();
        var actual = new List<Outcome>();
        await foreach (var outcome in pairer.PairAsync(events.ToAsyncEnumerable()))
        {
            actual.Add(outcome);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(sync.Report.ToString(), pairer.Report.ToString());
    }

    [Fact]
    public void Options_ZeroTimeout_ThrowsNamingTheOptions()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EventPairer(new EventPairingOptions { StartTimeout = Duration.Zero }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("EventPairingOptions.StartTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ZeroCap_ThrowsNamingTheOptions()
        => Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new EventPairer(new EventPairingOptions { MaxOpenStarts = 0 })).ParamName);

    [Fact]
    public void Pair_NullEvents_ThrowsNamingTheEvents()
        => Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => new EventPairer().Pair(null!)).ParamName);

    [Fact]
    public void PairAsync_NullEvents_ThrowsNamingTheEvents()
        => Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => new EventPairer().PairAsync(null!)).ParamName);

    [Fact]
    public void Start_BadKey_ThrowsNamingTheKey()
        => Assert.Equal("key", Assert.Throws<ArgumentException>(() => OutcomeEvent.Start("a b", T0, "c", "t", "m")).ParamName);

    private static Interleavings Build(int[] starts, int[] durations, int seedA, int seedB)
    {
        var expected = new Outcome[starts.Length];
        var startEvents = new OutcomeEvent[starts.Length];
        var endEvents = new OutcomeEvent[starts.Length];
        for (var i = 0; i < starts.Length; i++)
        {
            var key = "t" + i;
            var at = T0 + Duration.FromMinutes(starts[i]);
            var end = at + Duration.FromMinutes(durations[i]);
            startEvents[i] = Start(key, at);
            endEvents[i] = OutcomeEvent.End(key, end);
            expected[i] = new Outcome("c-" + key, "complaint-email", "reply-time", durations[i] * 60.0, end, "consumer", requestedAt: at);
        }

        return new Interleavings(expected, Interleave(startEvents, endEvents, seedA), Interleave(startEvents, endEvents, seedB));
    }

    /// <summary>A random merge of the tickets' event pairs: each key appears twice, its first appearance being its start.</summary>
    private static OutcomeEvent[] Interleave(OutcomeEvent[] starts, OutcomeEvent[] ends, int seed)
    {
        var random = new Random(seed);
        var slots = Enumerable.Range(0, starts.Length).SelectMany(i => new[] { i, i }).ToArray();
        random.Shuffle(slots);
        var seen = new bool[starts.Length];
        var result = new OutcomeEvent[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            var k = slots[i];
            result[i] = seen[k] ? ends[k] : starts[k];
            seen[k] = true;
        }

        return result;
    }

    private static List<Outcome> Sorted(IEnumerable<Outcome> outcomes)
        => [.. outcomes.OrderBy(o => o.CustomerId, StringComparer.Ordinal)];
}
