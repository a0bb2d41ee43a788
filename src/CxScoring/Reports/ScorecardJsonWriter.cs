using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CxScoring.Gaps;
using CxScoring.ModelFiles;
using CxScoring.Scorecards;
using CxScoring.Scorecards.Accumulation;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.Reports;

/// <summary>
/// Writes a <see cref="Scorecard"/> as JSON in the stable shape <c>cxscoring.scorecard/1</c> (documented in
/// <c>docs/output-format.md</c>): readable figures per group, plus the exact fixed-point sums as decimal strings so
/// that a reader loses nothing.
/// </summary>
/// <remarks>This type is stateless and safe to use from any number of threads.</remarks>
public static class ScorecardJsonWriter
{
    /// <summary>The format identifier written in the <c>format</c> property.</summary>
    public const string Format = "cxscoring.scorecard/1";

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a scorecard to a JSON writer.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    public static void Write(Scorecard scorecard, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(writer);
        var model = scorecard.Plan.Model;
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("model", model.Name);
        writer.WriteString("timeZone", scorecard.TimeZone.Id);
        writer.WriteString("weekStart", scorecard.WeekStart.ToString());
        writer.WriteNumber("received", scorecard.Received);
        writer.WriteNumber("scored", scorecard.Scored);
        writer.WriteNumber("rejected", scorecard.Rejected);
        writer.WriteStartObject("rejections");
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            writer.WriteNumber(reason.ToString(), scorecard.RejectedBy(reason));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("ratings");
        writer.WriteNumber("rated", scorecard.RatedOutcomes);
        writer.WriteNumber("scored", scorecard.ScoredRatings);
        writer.WriteNumber("rejected", scorecard.RejectedRatings);
        writer.WriteStartObject("rejections");
        foreach (var reason in Enum.GetValues<RejectionReason>())
        {
            writer.WriteNumber(reason.ToString(), scorecard.RejectedRatingsBy(reason));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WritePropertyName("total");
        WriteAggregate(writer, scorecard.Total, null);

        writer.WriteStartArray("touchpoints");
        for (var t = 0; t < model.Touchpoints.Length; t++)
        {
            var touchpoint = model.Touchpoints[t];
            WriteAggregate(writer, scorecard.ByTouchpoint[t], () =>
            {
                writer.WriteString("id", touchpoint.Id);
                writer.WriteString("name", touchpoint.Name);
                writer.WriteString("stage", touchpoint.Stage.ToString());
                writer.WriteString("channel", touchpoint.Channel.Name);
                writer.WriteNumber("weight", touchpoint.Weight);
                if (touchpoint.Owner is { } owner)
                {
                    writer.WriteString("owner", owner);
                }
            });
        }

        writer.WriteEndArray();
        writer.WriteStartArray("stages");
        foreach (var (stage, aggregate) in scorecard.ByStage)
        {
            WriteAggregate(writer, aggregate, () => writer.WriteString("stage", stage.ToString()));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("channels");
        foreach (var (channel, aggregate) in scorecard.ByChannel.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
        {
            WriteAggregate(writer, aggregate, () => writer.WriteString("channel", channel.Name));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("owners");
        foreach (var (owner, aggregate) in scorecard.ByOwner)
        {
            WriteAggregate(writer, aggregate, () => writer.WriteString("owner", owner));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("stageOwners");
        foreach (var (stage, owners) in scorecard.ByStageAndOwner)
        {
            foreach (var (owner, aggregate) in owners)
            {
                WriteAggregate(writer, aggregate, () =>
                {
                    writer.WriteString("stage", stage.ToString());
                    writer.WriteString("owner", owner);
                });
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("measures");
        for (var m = 0; m < model.Measures.Length; m++)
        {
            var measure = model.Measures[m];
            WriteAggregate(writer, scorecard.ByMeasure[m], () =>
            {
                writer.WriteString("id", measure.Id);
                writer.WriteString("kind", ModelJsonNames.Camel(measure.Kind));
                writer.WriteString("unit", measure.Unit);
                writer.WriteString("source", ModelJsonNames.Camel(measure.Source));
            });
        }

        writer.WriteEndArray();
        writer.WriteStartArray("perceivedVsDelivered");
        foreach (var row in scorecard.PerceivedVsDelivered)
        {
            writer.WriteStartObject();
            writer.WriteString("touchpoint", row.Touchpoint.Id);
            writer.WriteString("agreement", ModelJsonNames.Camel(row.Agreement));
            WriteNumber(writer, "scoreMeanGap", row.ScoreMeanGap);
            WriteNumber(writer, "adequacyMeanGap", row.AdequacyMeanGap);
            WriteNumber(writer, "belowShareGap", row.BelowShareGap);
            writer.WritePropertyName("delivered");
            WriteAggregate(writer, row.Delivered, null);
            writer.WritePropertyName("perceived");
            WriteAggregate(writer, row.Perceived, null);
            writer.WriteNumber("ratedOutcomes", row.RatedOutcomes);
            WriteNumber(writer, "deliveredFinePerceivedPoor", row.DeliveredFinePerceivedPoor);
            WriteNumber(writer, "deliveredPoorPerceivedFine", row.DeliveredPoorPerceivedFine);
            WriteRatingAgreement(writer, row.Ratings);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("promises");
        foreach (var promise in scorecard.ByPromise)
        {
            WriteAggregate(writer, promise.Aggregate, () =>
            {
                writer.WriteString("id", promise.Id);
                writer.WriteString("measure", promise.MeasureId);
                writer.WriteString("source", ModelJsonNames.Camel(promise.Source));
                writer.WriteStartObject("scope");
                if (promise.Scope.TouchpointId is { } touchpointId)
                {
                    writer.WriteString("touchpoint", touchpointId);
                }

                if (promise.Scope.Channel is { } channel)
                {
                    writer.WriteString("channel", channel.Name);
                }

                if (promise.Scope.SegmentId is { } segmentId)
                {
                    writer.WriteString("segment", segmentId);
                }

                writer.WriteEndObject();
                if (promise.Description is { } description)
                {
                    writer.WriteString("description", description);
                }

                if (promise.Owner is { } owner)
                {
                    writer.WriteString("owner", owner);
                }

                writer.WriteString("verdict", ModelJsonNames.Camel(promise.Verdict));
            });
        }

        writer.WriteEndArray();
        writer.WritePropertyName("withoutModelPromise");
        WriteAggregate(writer, scorecard.WithoutModelPromise, null);
        var review = scorecard.ReviewPromises();
        writer.WriteStartObject("promiseReview");
        writer.WriteStartArray("setWrong");
        foreach (var promise in review.SetWrong)
        {
            writer.WriteStringValue(promise.Id);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("broken");
        foreach (var promise in review.Broken)
        {
            writer.WriteStringValue(promise.Id);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("segments");
        foreach (var segment in model.Segments)
        {
            WriteAggregate(writer, scorecard.BySegment[segment.Id], () => writer.WriteString("segment", segment.Id));
        }

        writer.WriteEndArray();
        writer.WritePropertyName("withoutSegment");
        WriteAggregate(writer, scorecard.WithoutSegment, null);
        WritePeriods(writer, "days", scorecard.ByDay);
        WritePeriods(writer, "weeks", scorecard.ByWeek);
        WritePeriods(writer, "months", scorecard.ByMonth);
        writer.WriteStartArray("touchpointDays");
        if (scorecard.TouchpointDayNumbers is { } touchpointDays)
        {
            // Keys sort by day, then touchpoint index.
            foreach (var (key, aggregate) in touchpointDays)
            {
                WriteAggregate(writer, aggregate, () =>
                {
                    writer.WriteString("touchpoint", model.Touchpoints[(int)(key & uint.MaxValue)].Id);
                    writer.WriteString("start", LocalDatePattern.Iso.Format(CalendarIndex.DateOf((int)(key >> 32))));
                });
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("customers");
        foreach (var (key, aggregate) in scorecard.ByCustomer)
        {
            WriteAggregate(writer, aggregate, () =>
            {
                writer.WriteNumber("key", key);
                if (scorecard.CustomerDirectory is { } directory && directory.TryGetId(key, out var id))
                {
                    writer.WriteString("id", id);
                }
            });
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a scorecard to a stream as indented UTF-8 JSON.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="stream">The stream.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="stream"/> is <see langword="null"/>.</exception>
    public static void Write(Scorecard scorecard, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, Indented);
        Write(scorecard, writer);
    }

    /// <summary>Writes a scorecard to a string of indented JSON.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    public static string WriteToString(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        using var stream = new MemoryStream();
        Write(scorecard, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePeriods(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<LocalDate, ScoreAggregate>> periods)
    {
        writer.WriteStartArray(name);
        foreach (var (start, aggregate) in periods)
        {
            WriteAggregate(writer, aggregate, () => writer.WriteString("start", LocalDatePattern.Iso.Format(start)));
        }

        writer.WriteEndArray();
    }

    private static void WriteAggregate(Utf8JsonWriter writer, ScoreAggregate a, Action? keys)
    {
        writer.WriteStartObject();
        keys?.Invoke();
        writer.WriteNumber("count", a.Count);
        WriteNumber(writer, "meanScore", a.ScoreMean);
        WriteNumber(writer, "scoreVariance", a.ScoreVariance);
        WriteNumber(writer, "minScore", a.MinScore);
        WriteNumber(writer, "maxScore", a.MaxScore);
        WriteNumber(writer, "p10", a.P10);
        WriteNumber(writer, "p50", a.P50);
        WriteNumber(writer, "p90", a.P90);
        WriteNumber(writer, "meanFelt", a.FeltMean);
        WriteNumber(writer, "feltVariance", a.FeltVariance);
        WriteNumber(writer, "shortfallSum", a.ShortfallSum);
        writer.WriteStartObject("zones");
        writer.WriteNumber("below", a.BelowCount);
        writer.WriteNumber("within", a.WithinCount);
        writer.WriteNumber("above", a.AboveCount);
        writer.WriteEndObject();
        writer.WriteNumber("promisesKept", a.PromisesKept);
        WriteNumber(writer, "promiseKeptRate", a.PromiseKeptRate);
        writer.WriteStartObject("letterVsSpirit");
        WriteNumber(writer, "meanPromiseGap", a.PromiseGapMean);
        WriteNumber(writer, "meanSettingGap", a.SettingGapMean);
        WriteNumber(writer, "meanAdequacy", a.AdequacyMean);
        writer.WriteNumber("promisesBroken", a.PromisesBroken);
        WriteNumber(writer, "meanBrokenPromiseGap", a.BrokenPromiseGapMean);
        writer.WriteNumber("keptButMissed", a.KeptButMissedCount);
        WriteNumber(writer, "keptButMissedShare", a.KeptButMissedShare);
        writer.WriteNumber("brokenYetSatisfied", a.BrokenYetSatisfiedCount);
        WriteNumber(writer, "brokenYetSatisfiedShare", a.BrokenYetSatisfiedShare);
        writer.WriteNumber("brokenAndMissed", a.BrokenAndMissedCount);
        writer.WriteEndObject();
        writer.WriteStartArray("histogram");
        foreach (var count in a.Histogram)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("fixed");
        writer.WriteString("scoreSum", a.ScoreSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("scoreSquaresSum", a.ScoreSquaresSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("feltSum", a.FeltSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("feltSquaresSum", a.FeltSquaresSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("shortfallSum", a.ShortfallSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("feltScale", a.FeltScale);
        writer.WriteString("promiseGapSum", a.PromiseGapSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("settingGapSum", a.SettingGapSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("adequacySum", a.AdequacySumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("brokenPromiseGapSum", a.BrokenPromiseGapSumFixed.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("gapOne", ScoreAggregate.GapFixedPointOne);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes an agreement table as rows by delivered zone (below, within, above), each the counts by perceived zone in the same order.</summary>
    private static void WriteRatingAgreement(Utf8JsonWriter writer, RatingAgreement agreement)
    {
        writer.WriteStartArray("ratingAgreement");
        foreach (var delivered in (ReadOnlySpan<Zone>)[Zone.Below, Zone.Within, Zone.Above])
        {
            writer.WriteStartArray();
            foreach (var perceived in (ReadOnlySpan<Zone>)[Zone.Below, Zone.Within, Zone.Above])
            {
                writer.WriteNumberValue(agreement.Count(delivered, perceived));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
