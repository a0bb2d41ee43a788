namespace CxScoring.Surveys.Csat;

/// <summary>Scores customer satisfaction (CSAT) of a sample: the top-box percentage and the mean rating.</summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class CsatScorer
{
    /// <summary>Computes CSAT from ratings.</summary>
    /// <param name="ratings">The ratings, one per respondent.</param>
    /// <param name="scale">The rating scale and its top boxes.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside the scale (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="ratings"/> is empty or <paramref name="scale"/> is the uninitialised default.</exception>
    public static CsatResult Score(ReadOnlySpan<int> ratings, CsatScale scale)
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
}
