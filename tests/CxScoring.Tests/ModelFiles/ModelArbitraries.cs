using CxScoring.Calendars;
using CxScoring.Gaps;
using CxScoring.Model;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxScoring.Tests.ModelFiles;

/// <summary>Valid scoring models, built from a seed so that every element kind and option appears across runs.</summary>
public static class ModelArbitraries
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];

    public static Arbitrary<ScoringModel> Models() => Arb.From(Gen.Choose(0, int.MaxValue).Select(Create));

    internal static ScoringModel Create(int seed)
    {
        var r = new Random(seed);
        var builder = new ScoringModelBuilder($"model \"{seed}\" – ü");
        if (r.Next(2) == 0)
        {
            builder.UseFeltValue(new ProspectValueFunction(0.1 + (r.NextDouble() * 0.9), 0.1 + (r.NextDouble() * 0.9), 1 + (r.NextDouble() * 3)));
        }

        var segments = new List<string>();
        for (var i = 0; i < r.Next(0, 3); i++)
        {
            segments.Add($"seg-{i}");
            builder.AddSegment(new Segment($"seg-{i}", r.Next(2) == 0 ? null : $"Segment \"{i}\", ü"));
        }

        var touchpoints = new List<Touchpoint>();
        for (var i = 0; i < r.Next(1, 5); i++)
        {
            var channel = r.Next(4) == 0 ? Channel.Custom($"kiosk_{i}") : Channel.WellKnown[r.Next(Channel.WellKnown.Count)];
            var touchpoint = new Touchpoint($"tp-{i}", (JourneyStage)r.Next(0, 9), channel, 0.01 + (r.NextDouble() * 5), r.Next(2) == 0 ? null : $"Touchpoint {i}");
            touchpoints.Add(touchpoint);
            builder.AddTouchpoint(touchpoint);
        }

        var measures = new List<Measure>();
        foreach (var kind in Enum.GetValues<MeasureKind>())
        {
            if (r.Next(3) != 0)
            {
                measures.Add(CreateMeasure(r, kind));
            }
        }

        if (measures.Count == 0)
        {
            measures.Add(Measure.YesNo("m-yes-no"));
        }

        // Some delivered measures name a perceived measure that scores the ratings on their outcomes.
        var perceived = measures.Where(m => m.Source == MeasureSource.Perceived).ToList();
        for (var i = 0; i < measures.Count && perceived.Count > 0; i++)
        {
            if (measures[i].Source == MeasureSource.Delivered && r.Next(2) == 0)
            {
                measures[i] = measures[i].WithRatedBy(perceived[r.Next(perceived.Count)].Id);
            }
        }

        foreach (var measure in measures)
        {
            builder.AddMeasure(measure);
        }

        var boundary = Instant.FromUtc(2021, 1, 1, 0, 0);
        BusinessCalendar[] calendars = [RandomCalendar(r, "office"), RandomCalendar(r, "field-team")];
        foreach (var measure in measures)
        {
            var count = r.Next(0, 4);
            var bounds = new Instant[Math.Max(count, 1)];
            for (var k = 0; k < bounds.Length; k++)
            {
                bounds[k] = boundary + Duration.FromDays(365 * k) + Duration.FromMilliseconds(r.Next(0, 1000));
            }

            for (var j = 0; j < count; j++)
            {
                // Consecutive, non-overlapping validity intervals: the first open at the start, the last open at the end.
                Instant? from = j == 0 ? null : bounds[j - 1];
                Instant? to = j == count - 1 ? null : bounds[j];
                var scope = RandomScope(r, touchpoints, segments);
                var deadline = measure.Kind == MeasureKind.Deadline && r.Next(3) != 0
                    ? new ZonedDeadline(new LocalTime(r.Next(0, 24), r.Next(0, 60), r.Next(4) == 0 ? r.Next(1, 60) : 0), DateTimeZoneProviders.Tzdb[Zones[r.Next(Zones.Length)]], r.Next(0, 4))
                    : null;
                BusinessTimeLimit? within = null;
                if (measure.Kind is MeasureKind.Deadline or MeasureKind.Duration && r.Next(4) == 0)
                {
                    // A promise in working time: "by 17:00 on the n-th working day" or "within h business hours".
                    var calendar = calendars[r.Next(calendars.Length)];
                    (deadline, within) = r.Next(2) == 0
                        ? (ZonedDeadline.OnWorkingDay(new LocalTime(r.Next(0, 24), r.Next(0, 60)), calendar, r.Next(0, 6)), (BusinessTimeLimit?)null)
                        : (null, new BusinessTimeLimit(Duration.FromMinutes(r.Next(1, 5000)), calendar));
                }

                builder.AddPromise(new Promise(
                    $"p-{measure.Id}-{j}",
                    measure.Id,
                    deadline is null && within is null ? PromiseLevel(r, measure) : 0,
                    (PromiseSource)r.Next(0, 5),
                    from is null && to is null ? null : new NodaTime.Interval(from, to),
                    scope,
                    deadline,
                    r.Next(2) == 0 ? null : $"We promise \"{j}\"\nwith ümlauts & <tags>",
                    r.Next(3) == 0 ? $"legal/unit-{j}" : null,
                    within));
            }

            builder.AddExpectation(CreateExpectation(r, measure, Scope.Everywhere));
            if (segments.Count > 0 && r.Next(2) == 0)
            {
                builder.AddExpectation(CreateExpectation(r, measure, new Scope(segmentId: segments[0])));
            }
        }

        return builder.Build();
    }

    private static BusinessCalendar RandomCalendar(Random r, string id)
    {
        var builder = new BusinessCalendarBuilder(id, DateTimeZoneProviders.Tzdb[Zones[r.Next(Zones.Length)]]);
        var start = r.Next(0, 12);
        WorkingHours[] common = r.Next(2) == 0
            ? [new(new LocalTime(start, 0), new LocalTime(start + 8, 30))]
            : [new(new LocalTime(start, 0), new LocalTime(start + 3, 30)), new(new LocalTime(start + 4, 15), r.Next(3) == 0 ? LocalTime.Midnight : new LocalTime(start + 9, 0))];
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            switch (r.Next(5))
            {
                case 0:
                    break;
                case 1:
                    builder.SetHours(day, new WorkingHours(new LocalTime(r.Next(0, 10), 0), new LocalTime(r.Next(11, 24), 0)));
                    break;
                default:
                    builder.SetHours(day, common);
                    break;
            }
        }

        builder.SetHours(IsoDayOfWeek.Monday, common);
        for (var i = r.Next(0, 5); i > 0; i--)
        {
            builder.AddHoliday(new LocalDate(2025, 1, 1).PlusDays(r.Next(0, 800)));
        }

        return builder.Build();
    }

    private static Scope RandomScope(Random r, List<Touchpoint> touchpoints, List<string> segments)
    {
        var touchpoint = r.Next(3) == 0 ? touchpoints[r.Next(touchpoints.Count)] : null;
        Channel? channel = r.Next(3) == 0 ? touchpoint?.Channel ?? Channel.WellKnown[r.Next(Channel.WellKnown.Count)] : null;
        var segment = segments.Count > 0 && r.Next(3) == 0 ? segments[r.Next(segments.Count)] : null;
        return new Scope(touchpoint?.Id, channel, segment);
    }

    private static Measure CreateMeasure(Random r, MeasureKind kind)
    {
        var id = $"m-{kind}";
        var polarity = (Polarity)r.Next(0, 3);
        double? target = polarity == Polarity.NearerToTargetIsBetter ? Math.Round(r.NextDouble() * 10, r.Next(0, 4)) : null;
        var source = r.Next(3) == 0 ? MeasureSource.Perceived : MeasureSource.Delivered;
        return (kind switch
        {
            MeasureKind.Duration => Measure.Duration(id, r.Next(2) == 0 ? Duration.FromSeconds(r.Next(1, 200_000)) : Duration.FromMilliseconds(r.Next(1, 100_000_000)), r.Next(2) == 0 ? Polarity.LowerIsBetter : Polarity.HigherIsBetter),
            MeasureKind.Deadline => Measure.Deadline(id, Duration.FromMinutes(r.Next(1, 10_000))),
            MeasureKind.Count => Measure.Count(id, 0.1 + (r.NextDouble() * 10), polarity, r.Next(2) == 0 ? "count" : "transfers", target),
            MeasureKind.Ratio => Measure.Ratio(id, 0.01 + r.NextDouble(), polarity, target is null ? null : target / 10),
            MeasureKind.Money => Measure.Money(id, r.Next(2) == 0 ? "EUR" : "USD", 0.5 + (r.NextDouble() * 100), polarity, target),
            MeasureKind.Rating => Measure.Rating(id, r.Next(2, 12), r.Next(2) == 0 ? 0 : 0.5 + (r.NextDouble() * 5)),
            _ => Measure.YesNo(id),
        }).WithSource(source);
    }

    private static double PromiseLevel(Random r, Measure measure) => measure.Kind switch
    {
        MeasureKind.Duration => r.Next(1, 500_000) + (r.Next(2) == 0 ? 0 : r.Next(1, 1000) / 1000.0),
        MeasureKind.Deadline => 0,
        MeasureKind.Count => r.Next(0, 10),
        MeasureKind.Ratio => r.NextDouble(),
        MeasureKind.Money => Math.Round(r.NextDouble() * 50, 2),
        MeasureKind.Rating => r.Next(1, measure.RatingPoints + 1),
        _ => 1,
    };

    private static Expectation CreateExpectation(Random r, Measure measure, Scope scope)
    {
        var spread = measure.Kind switch
        {
            MeasureKind.Duration or MeasureKind.Deadline => r.Next(0, 100_000),
            MeasureKind.Rating => r.Next(0, 2),
            MeasureKind.YesNo => 0,
            _ => Math.Round(r.NextDouble(), 3),
        };
        if (measure.Kind != MeasureKind.YesNo && measure.Target is null && r.Next(2) == 0)
        {
            // Relative to the promise: desired is the adequate offset moved in the better direction.
            var offset = measure.Kind is MeasureKind.Duration or MeasureKind.Deadline ? r.Next(-3600, 3600) : 0;
            return new Expectation(measure.Id, ExpectationLevel.RelativeToPromise(offset), ExpectationLevel.RelativeToPromise(offset + (measure.Sign * spread)), scope);
        }

        switch (measure.Kind)
        {
            case MeasureKind.YesNo:
                return new Expectation(measure.Id, ExpectationLevel.Absolute(r.Next(0, 2)), ExpectationLevel.Absolute(1), scope);
            case MeasureKind.Rating:
                var adequate = r.Next(1, measure.RatingPoints);
                return new Expectation(measure.Id, ExpectationLevel.Absolute(adequate), ExpectationLevel.Absolute(adequate + spread), scope);
        }

        if (measure.Target is { } target)
        {
            return new Expectation(measure.Id, ExpectationLevel.Absolute(target + (2 * spread)), ExpectationLevel.Absolute(target - spread), scope);
        }

        var level = measure.Kind is MeasureKind.Duration or MeasureKind.Deadline ? r.Next(-1000, 500_000) : Math.Round(r.NextDouble() * 10, 3);
        return new Expectation(measure.Id, ExpectationLevel.Absolute(level), ExpectationLevel.Absolute(level + (measure.Sign * spread)), scope);
    }
}
