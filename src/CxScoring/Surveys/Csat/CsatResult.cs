using System.Globalization;

namespace CxScoring.Surveys.Csat;

/// <summary>A customer satisfaction (CSAT) result: the top-box percentage and the mean rating of a sample, each labelled by <see cref="CsatMeasure"/>.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class CsatResult
{
    private CsatResult(CsatScale scale, int count, int topBoxCount, double mean)
    {
        Scale = scale;
        Count = count;
        TopBoxCount = topBoxCount;
        Mean = mean;
    }

    /// <summary>Gets the scale the ratings were given on.</summary>
    /// <value>The scale passed to <see cref="Calculate"/>.</value>
    public CsatScale Scale { get; }

    /// <summary>Gets the number of ratings.</summary>
    /// <value>A positive count.</value>
    public int Count { get; }

    /// <summary>Gets the number of ratings in the top box(es).</summary>
    /// <value>A count between 0 and <see cref="Count"/>.</value>
    public int TopBoxCount { get; }

    /// <summary>Gets the percentage of ratings in the top box(es).</summary>
    /// <value>A number in [0, 100].</value>
    public double TopBoxPercent => 100.0 * TopBoxCount / Count;

    /// <summary>Gets the mean rating.</summary>
    /// <value>A number between the scale's minimum and maximum.</value>
    public double Mean { get; }

    /// <summary>Computes CSAT from ratings.</summary>
    /// <param name="ratings">The ratings, one per respondent.</param>
    /// <param name="scale">The rating scale and its top boxes.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside the scale (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="ratings"/> is empty or <paramref name="scale"/> is the uninitialised default.</exception>
    public static CsatResult Calculate(ReadOnlySpan<int> ratings, CsatScale scale)
    {
        if (scale.TopBoxes == 0)
        {
            SurveyThrow.Argument(nameof(scale), "The scale is uninitialised; create it with the constructor or use CsatScale.FivePointTopTwo.");
        }

        if (ratings.IsEmpty)
        {
            SurveyThrow.EmptySample(nameof(ratings));
        }

        var top = 0;
        long sum = 0;
        for (var r = 0; r < ratings.Length; r++)
        {
            var rating = ratings[r];
            if (rating < scale.Minimum || rating > scale.Maximum)
            {
                SurveyThrow.AnswerOutOfRange(nameof(ratings), r, "satisfaction rating", rating, scale.Minimum, scale.Maximum);
            }

            sum += rating;
            if (rating >= scale.SatisfiedFrom)
            {
                top++;
            }
        }

        return new CsatResult(scale, ratings.Length, top, (double)sum / ratings.Length);
    }

    /// <summary>Gets the figure for one measure.</summary>
    /// <param name="measure">The measure.</param>
    /// <returns><see cref="TopBoxPercent"/> or <see cref="Mean"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="measure"/> is not a defined <see cref="CsatMeasure"/>.</exception>
    public double Value(CsatMeasure measure) => measure switch
    {
        CsatMeasure.TopBoxPercent => TopBoxPercent,
        CsatMeasure.Mean => Mean,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown CSAT measure."),
    };

    /// <summary>Formats the figure for one measure with its label, for example "CSAT top-2-box 40.0 % (1–5, n=5)".</summary>
    /// <param name="measure">The measure.</param>
    /// <returns>The labelled figure.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="measure"/> is not a defined <see cref="CsatMeasure"/>.</exception>
    public string Describe(CsatMeasure measure) => measure switch
    {
        CsatMeasure.TopBoxPercent => string.Create(CultureInfo.InvariantCulture, $"CSAT top-{Scale.TopBoxes}-box {TopBoxPercent:0.0} % ({Scale.Minimum}–{Scale.Maximum}, n={Count})"),
        CsatMeasure.Mean => string.Create(CultureInfo.InvariantCulture, $"CSAT mean {Mean:0.00} on {Scale.Minimum}–{Scale.Maximum} (n={Count})"),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown CSAT measure."),
    };

    /// <inheritdoc/>
    public override string ToString() => Describe(CsatMeasure.TopBoxPercent);
}
