using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Surveys.Ces;
using CxScoring.Surveys.Csat;
using CxScoring.Surveys.Servqual;
using CxScoring.Surveys.ZoneOfTolerance;
using NodaTime;

namespace CxScoring.Surveys.Bridge;

/// <summary>
/// Turns survey results into the scoring model's expectations and delivered outcomes, so that survey data and
/// operational data meet in one scorecard. Use a rating measure on the survey's scale
/// (<see cref="Measure.Rating(string, int, double)"/> with k points) for the measure the results feed.
/// </summary>
/// <remarks>
/// <para>Three-column zone of tolerance: the mean minimum and mean desired levels become the expectation's
/// adequate and desired levels, the mean perceived level the delivered outcome, so the engine's adequacy and
/// superiority are the survey's MSA and MSS divided by the measure's scale. The outcome carries the mean minimum as
/// its own promised level: a survey states no promise, and the minimum is the level the respondents say the service
/// must reach, so the promise gap (delivered − promised) equals the adequacy gap and the scoring model can score the
/// outcome without a promise in the model.</para>
/// <para>SERVQUAL: the single expectation column is one level, so a dimension's mean E becomes both adequate and
/// desired (a zone of width zero) and its mean P the delivered outcome; the engine's adequacy is then the
/// SERVQUAL gap P − E divided by the measure's scale. The outcome carries the mean E as its own promised level (the
/// single level the respondents state), so the promise gap is also P − E and the scoring model scores the outcome
/// without a promise in the model.</para>
/// <para>Per respondent: one answer of one respondent becomes one outcome of a perceived measure
/// (<see cref="MeasureSource.Perceived"/>) whose value is the answer, so a survey export is scored in the same engine call
/// as operational outcomes and lands in the same touchpoint cells, marked by its measure's source
/// (<see cref="Scorecards.Scorecard.PerceivedVsDelivered"/>). The <c>…Measure</c> methods create the perceived measure that
/// fits each instrument's scale; the model's expectation for it (its zone of tolerance) decides what counts as below,
/// within or above; like any outcome, an answer is scored against the model promise in force for its measure (an
/// implicit promise, <see cref="PromiseSource.Implicit"/>, is the usual one for a survey question), except the
/// three-column answer, which carries the respondent's minimum as its own promised level. Answers are checked against the instrument's scale; an answer outside it is an error naming the
/// respondent, never a silently dropped row.</para>
/// <para>All members are pure functions and safe to call from any number of threads.</para>
/// </remarks>
public static class SurveyBridge
{
    /// <summary>Creates the expectation stated by a three-column zone-of-tolerance item.</summary>
    /// <param name="summary">The item's sample summary.</param>
    /// <param name="measureId">The measure the expectation is about (a rating measure on the survey's scale).</param>
    /// <param name="scope">Where the expectation applies (touchpoint, channel, segment); everywhere by default.</param>
    /// <returns>An expectation with adequate = mean minimum and desired = mean desired, both absolute.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="measureId"/> is not a valid id, or the mean zone is inverted (desired below minimum), which the scoring model rejects.</exception>
    public static Expectation ZoneExpectation(ThreeColumnSummary summary, string measureId, Scope scope = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Mean.IsInverted)
        {
            SurveyThrow.Argument(nameof(summary), string.Create(CultureInfo.InvariantCulture, $"The mean zone is inverted (desired {summary.Mean.Desired:0.###} below minimum {summary.Mean.Minimum:0.###}); an expectation needs desired at least as good as adequate."));
        }

        return new Expectation(measureId, ExpectationLevel.Absolute(summary.Mean.Minimum), ExpectationLevel.Absolute(summary.Mean.Desired), scope);
    }

    /// <summary>Creates the delivered outcome reported by a three-column zone-of-tolerance item: the mean perceived level.</summary>
    /// <param name="summary">The item's sample summary.</param>
    /// <param name="customerId">The customer (or respondent group) the outcome belongs to.</param>
    /// <param name="touchpointId">The touchpoint the item is about.</param>
    /// <param name="measureId">The measure (a rating measure on the survey's scale).</param>
    /// <param name="observedAt">When the survey observed the perception.</param>
    /// <param name="segmentId">The customer segment, if any.</param>
    /// <returns>An outcome whose value and perceived rating are the mean perceived level and whose promised level is the mean minimum level.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome ZoneOutcome(ThreeColumnSummary summary, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var perceived = summary.Mean.Perceived;
        return new Outcome(customerId, touchpointId, measureId, perceived, observedAt, segmentId, promisedLevel: summary.Mean.Minimum, perceivedRating: perceived);
    }

    /// <summary>Creates the expectation stated by a SERVQUAL dimension: adequate = desired = the dimension's mean E.</summary>
    /// <param name="dimension">The dimension's sample score from a SERVQUAL (not SERVPERF) result.</param>
    /// <param name="measureId">The measure the expectation is about (a rating measure on the instrument's scale).</param>
    /// <param name="scope">Where the expectation applies (typically the touchpoint the dimension describes).</param>
    /// <returns>An expectation whose zone is the single level E.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dimension"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the dimension has no expectation (a SERVPERF result) or <paramref name="measureId"/> is not a valid id.</exception>
    public static Expectation ServqualExpectation(ServqualDimensionScore dimension, string measureId, Scope scope = default)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        if (dimension.MeanExpectation is not { } expected)
        {
            SurveyThrow.Argument(nameof(dimension), $"Dimension '{dimension.Name}' has no expectation score; SERVPERF results carry perceptions only.");
            return null!;
        }

        var level = ExpectationLevel.Absolute(expected);
        return new Expectation(measureId, level, level, scope);
    }

    /// <summary>Creates the delivered outcome reported by a SERVQUAL or SERVPERF dimension: its mean perception P, with the mean expectation E as its promised level.</summary>
    /// <param name="dimension">The dimension's sample score.</param>
    /// <param name="customerId">The customer (or respondent group) the outcome belongs to.</param>
    /// <param name="touchpointId">The touchpoint the dimension describes.</param>
    /// <param name="measureId">The measure (a rating measure on the instrument's scale).</param>
    /// <param name="observedAt">When the survey observed the perception.</param>
    /// <param name="segmentId">The customer segment, if any.</param>
    /// <returns>An outcome whose value and perceived rating are the mean perception and whose promised level is the mean
    /// expectation; a SERVPERF dimension has no expectation, so its outcome carries no promised level and needs a promise in the model.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dimension"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome ServqualOutcome(ServqualDimensionScore dimension, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return new Outcome(customerId, touchpointId, measureId, dimension.MeanPerception, observedAt, segmentId, promisedLevel: dimension.MeanExpectation, perceivedRating: dimension.MeanPerception);
    }

    /// <summary>Creates the perceived measure for NPS likelihood-to-recommend answers (0–10): a higher-is-better number measure whose scale is the whole 0–10 range.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <returns>The measure, <see cref="MeasureSource.Perceived"/>. (Ratings in this library run 1..k, so the 0–10 scale is a number measure; <see cref="NpsOutcome(int, string, string, string, Instant, string?)"/> checks the range.)</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier.</exception>
    public static Measure NpsAnswerMeasure(string id)
        => Measure.Number(id, 10, Polarity.HigherIsBetter, "likelihood").WithSource(MeasureSource.Perceived);

    /// <summary>Creates the perceived measure for CSAT answers on a scale: a rating measure (1..k, scale k − 1) when the scale starts at 1, else a higher-is-better number measure whose scale is the whole range.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The CSAT scale.</param>
    /// <returns>The measure, <see cref="MeasureSource.Perceived"/>.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier or <paramref name="scale"/> is the default (uninitialised) value.</exception>
    public static Measure CsatAnswerMeasure(string id, CsatScale scale)
    {
        RequireScale(scale.Maximum > scale.Minimum, nameof(scale));
        return RangeMeasure(id, scale.Minimum, scale.Maximum, Polarity.HigherIsBetter);
    }

    /// <summary>Creates the perceived measure for CES answers on a scale, carrying its polarity: a rating measure for a higher-is-better scale from 1 (CES 2.0, 1–7 ease), else a number measure with the scale's polarity (the original 1–5 effort scale is lower-is-better).</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="scale">The CES scale.</param>
    /// <returns>The measure, <see cref="MeasureSource.Perceived"/>.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier or <paramref name="scale"/> is the default (uninitialised) value.</exception>
    public static Measure CesAnswerMeasure(string id, CesScale scale)
    {
        RequireScale(scale.Maximum > scale.Minimum, nameof(scale));
        return RangeMeasure(id, scale.Minimum, scale.Maximum, scale.Polarity);
    }

    /// <summary>Creates the perceived measure for the perceived column of a three-column zone-of-tolerance item: a rating measure on the instrument's scale.</summary>
    /// <param name="id">The measure's identifier.</param>
    /// <param name="instrument">The instrument (its scale points).</param>
    /// <returns>The measure, <see cref="MeasureSource.Perceived"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="id"/> is not a valid identifier.</exception>
    public static Measure ZoneAnswerMeasure(string id, ThreeColumnInstrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Measure.Rating(id, instrument.ScalePoints).WithSource(MeasureSource.Perceived);
    }

    /// <summary>Creates the outcome of one respondent's NPS answer: the likelihood to recommend (0–10) as the value.</summary>
    /// <param name="likelihood">The answer, 0–10.</param>
    /// <param name="customerId">The respondent.</param>
    /// <param name="touchpointId">The touchpoint the question is about.</param>
    /// <param name="measureId">The perceived measure (<see cref="NpsAnswerMeasure(string)"/>).</param>
    /// <param name="observedAt">When the respondent answered.</param>
    /// <param name="segmentId">The respondent's segment, if any.</param>
    /// <returns>The outcome; its value and perceived rating are the answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="likelihood"/> is outside 0–10 (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome NpsOutcome(int likelihood, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        CheckAnswer(likelihood, 0, 10, "likelihood to recommend", customerId, nameof(likelihood));
        return Answer(likelihood, customerId, touchpointId, measureId, observedAt, segmentId);
    }

    /// <summary>Creates the outcome of one respondent's CSAT answer: the rating as the value.</summary>
    /// <param name="rating">The answer, on <paramref name="scale"/>.</param>
    /// <param name="scale">The CSAT scale.</param>
    /// <param name="customerId">The respondent.</param>
    /// <param name="touchpointId">The touchpoint the question is about.</param>
    /// <param name="measureId">The perceived measure (<see cref="CsatAnswerMeasure(string, CsatScale)"/>).</param>
    /// <param name="observedAt">When the respondent answered.</param>
    /// <param name="segmentId">The respondent's segment, if any.</param>
    /// <returns>The outcome; its value and perceived rating are the answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="rating"/> is outside the scale (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid or <paramref name="scale"/> is the default (uninitialised) value.</exception>
    public static Outcome CsatOutcome(int rating, CsatScale scale, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        RequireScale(scale.Maximum > scale.Minimum, nameof(scale));
        CheckAnswer(rating, scale.Minimum, scale.Maximum, "satisfaction", customerId, nameof(rating));
        return Answer(rating, customerId, touchpointId, measureId, observedAt, segmentId);
    }

    /// <summary>Creates the outcome of one respondent's CES answer: the answer as the value, read with the scale's polarity by the measure (<see cref="CesAnswerMeasure(string, CesScale)"/>).</summary>
    /// <param name="answer">The answer, on <paramref name="scale"/>.</param>
    /// <param name="scale">The CES scale.</param>
    /// <param name="customerId">The respondent.</param>
    /// <param name="touchpointId">The touchpoint the question is about.</param>
    /// <param name="measureId">The perceived measure.</param>
    /// <param name="observedAt">When the respondent answered.</param>
    /// <param name="segmentId">The respondent's segment, if any.</param>
    /// <returns>The outcome; its value and perceived rating are the answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="answer"/> is outside the scale (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid or <paramref name="scale"/> is the default (uninitialised) value.</exception>
    public static Outcome CesOutcome(int answer, CesScale scale, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        RequireScale(scale.Maximum > scale.Minimum, nameof(scale));
        CheckAnswer(answer, scale.Minimum, scale.Maximum, "effort", customerId, nameof(answer));
        return Answer(answer, customerId, touchpointId, measureId, observedAt, segmentId);
    }

    /// <summary>Creates the outcome of one respondent's three-column answer: the perceived level as the value, the respondent's own minimum as its promised level (as for the sample mean in <see cref="ZoneOutcome(ThreeColumnSummary, string, string, string, Instant, string?)"/>, so the promise gap is the respondent's MSA in scales).</summary>
    /// <param name="answer">The answer: minimum, desired, perceived.</param>
    /// <param name="instrument">The instrument whose scale the answer is on.</param>
    /// <param name="customerId">The respondent.</param>
    /// <param name="touchpointId">The touchpoint the item is about.</param>
    /// <param name="measureId">The perceived measure (<see cref="ZoneAnswerMeasure(string, ThreeColumnInstrument)"/>).</param>
    /// <param name="observedAt">When the respondent answered.</param>
    /// <param name="segmentId">The respondent's segment, if any.</param>
    /// <returns>The outcome. The zone it is scored against is the model's expectation for the measure (for example <see cref="ZoneExpectation(ThreeColumnSummary, string, Scope)"/> of the sample).</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a column of <paramref name="answer"/> is outside the scale (the message names the respondent and the column).</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome ZoneAnswerOutcome(ThreeColumnAnswer answer, ThreeColumnInstrument instrument, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        CheckAnswer(answer.Minimum, 1, instrument.ScalePoints, "minimum", customerId, nameof(answer));
        CheckAnswer(answer.Desired, 1, instrument.ScalePoints, "desired", customerId, nameof(answer));
        CheckAnswer(answer.Perceived, 1, instrument.ScalePoints, "perceived", customerId, nameof(answer));
        return new Outcome(customerId, touchpointId, measureId, answer.Perceived, observedAt, segmentId, promisedLevel: answer.Minimum, perceivedRating: answer.Perceived);
    }

    private static Measure RangeMeasure(string id, int minimum, int maximum, Polarity polarity)
        => (minimum == 1 && polarity == Polarity.HigherIsBetter && maximum <= 101
            ? Measure.Rating(id, maximum)
            : Measure.Number(id, maximum - minimum, polarity, "points")).WithSource(MeasureSource.Perceived);

    private static Outcome Answer(int answer, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId)
        => new(customerId, touchpointId, measureId, answer, observedAt, segmentId, perceivedRating: answer);

    private static void RequireScale(bool valid, string parameterName)
    {
        if (!valid)
        {
            SurveyThrow.Argument(parameterName, "The scale is the default value; use a defined scale (for example CsatScale.FivePointTopTwo or CesScale.Ces2).");
        }
    }

    private static void CheckAnswer(int answer, int minimum, int maximum, string what, string customerId, string parameterName)
    {
        if (answer < minimum || answer > maximum)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                answer,
                string.Create(CultureInfo.InvariantCulture, $"Respondent '{customerId}', {what}: answer {answer} is outside the {minimum}–{maximum} scale."));
        }
    }
}
