using System.Globalization;
using CxScoring.Model;
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
/// superiority are the survey's MSA and MSS divided by the measure's scale.</para>
/// <para>SERVQUAL: the single expectation column is one level, so a dimension's mean E becomes both adequate and
/// desired (a zone of width zero) and its mean P the delivered outcome; the engine's adequacy is then the
/// SERVQUAL gap P − E divided by the measure's scale.</para>
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
    /// <returns>An outcome whose value and perceived rating are the mean perceived level.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome ZoneOutcome(ThreeColumnSummary summary, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var perceived = summary.Mean.Perceived;
        return new Outcome(customerId, touchpointId, measureId, perceived, observedAt, segmentId, perceivedRating: perceived);
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

    /// <summary>Creates the delivered outcome reported by a SERVQUAL or SERVPERF dimension: its mean perception P.</summary>
    /// <param name="dimension">The dimension's sample score.</param>
    /// <param name="customerId">The customer (or respondent group) the outcome belongs to.</param>
    /// <param name="touchpointId">The touchpoint the dimension describes.</param>
    /// <param name="measureId">The measure (a rating measure on the instrument's scale).</param>
    /// <param name="observedAt">When the survey observed the perception.</param>
    /// <param name="segmentId">The customer segment, if any.</param>
    /// <returns>An outcome whose value and perceived rating are the mean perception.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="dimension"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when an id is not valid.</exception>
    public static Outcome ServqualOutcome(ServqualDimensionScore dimension, string customerId, string touchpointId, string measureId, Instant observedAt, string? segmentId = null)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return new Outcome(customerId, touchpointId, measureId, dimension.MeanPerception, observedAt, segmentId, perceivedRating: dimension.MeanPerception);
    }
}
