using System.Globalization;

namespace CxScoring.Surveys.Nps;

/// <summary>Scores the Net Promoter Score (Reichheld 2003) of a sample, from 0–10 ratings or from group counts.</summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class NpsScorer
{
    /// <summary>Computes the score from 0–10 ratings.</summary>
    /// <param name="ratings">The ratings, one per respondent.</param>
    /// <returns>The score and its statistics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 0–10 (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="ratings"/> is empty.</exception>
    public static NpsResult Score(ReadOnlySpan<int> ratings)
    {
        if (ratings.IsEmpty)
        {
            SurveyThrow.EmptySample(nameof(ratings));
        }

        int promoters = 0, passives = 0, detractors = 0;
        for (var r = 0; r < ratings.Length; r++)
        {
            var rating = ratings[r];
            if (rating is < 0 or > 10)
            {
                SurveyThrow.AnswerOutOfRange(nameof(ratings), r, "likelihood to recommend", rating, 0, 10);
            }

            if (rating >= 9)
            {
                promoters++;
            }
            else if (rating >= 7)
            {
                passives++;
            }
            else
            {
                detractors++;
            }
        }

        return new NpsResult(promoters, passives, detractors);
    }

    /// <summary>Creates the score from group counts.</summary>
    /// <param name="promoters">The number of promoters.</param>
    /// <param name="passives">The number of passives.</param>
    /// <param name="detractors">The number of detractors.</param>
    /// <returns>The score and its statistics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a count is negative.</exception>
    /// <exception cref="ArgumentException">Thrown when all counts are zero, or their total exceeds <see cref="int.MaxValue"/>.</exception>
    public static NpsResult Score(int promoters, int passives, int detractors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        var total = (long)promoters + passives + detractors;
        if (total == 0)
        {
            throw new ArgumentException("The counts are all zero (promoters, passives and detractors); at least one response is required.", nameof(promoters));
        }

        if (total > int.MaxValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The counts total {total} responses (promoters {promoters}, passives {passives}, detractors {detractors}); the total must not exceed {int.MaxValue}."), nameof(detractors));
        }

        return new NpsResult(promoters, passives, detractors);
    }
}
