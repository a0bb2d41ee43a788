namespace CxScoring.Surveys.Ces;

/// <summary>Scores the customer effort score (CES) of a sample: the mean rating on a scale that carries its polarity.</summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class CesScorer
{
    /// <summary>Computes the customer effort score.</summary>
    /// <param name="ratings">The ratings, one per respondent.</param>
    /// <param name="scale">The scale, with its polarity (<see cref="CesScale.Original"/> or <see cref="CesScale.Ces2"/>).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside the scale (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="ratings"/> is empty or <paramref name="scale"/> is the uninitialised default.</exception>
    public static CesResult Score(ReadOnlySpan<int> ratings, CesScale scale)
    {
        if (scale.Maximum <= scale.Minimum)
        {
            SurveyThrow.Argument(nameof(scale), "The scale is uninitialised; create it with the constructor or use CesScale.Original or CesScale.Ces2.");
        }

        if (ratings.IsEmpty)
        {
            SurveyThrow.EmptySample(nameof(ratings));
        }

        long sum = 0;
        for (var r = 0; r < ratings.Length; r++)
        {
            var rating = ratings[r];
            if (rating < scale.Minimum || rating > scale.Maximum)
            {
                SurveyThrow.AnswerOutOfRange(nameof(ratings), r, "effort rating", rating, scale.Minimum, scale.Maximum);
            }

            sum += rating;
        }

        return new CesResult(scale, ratings.Length, (double)sum / ratings.Length);
    }
}
