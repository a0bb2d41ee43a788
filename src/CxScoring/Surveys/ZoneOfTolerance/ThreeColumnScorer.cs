using System.Globalization;
using CxScoring.Gaps;

namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>
/// Scores three-column zone-of-tolerance answers (Parasuraman, Zeithaml &amp; Berry 1994): one answer, a sample of
/// answers to one item, or minimum, desired and perceived levels given directly.
/// </summary>
/// <remarks>The class is stateless and safe to use from any number of threads.</remarks>
public static class ThreeColumnScorer
{
    /// <summary>Scores one answer.</summary>
    /// <param name="instrument">The instrument, which gives the 1..k scale.</param>
    /// <param name="answer">The three ratings.</param>
    /// <returns>The MSA, MSS, location and position of the answer; an inverted zone is reported, not rejected.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 1..k.</exception>
    public static ThreeColumnScore Score(ThreeColumnInstrument instrument, ThreeColumnAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        instrument.CheckScale(answer, nameof(answer), -1);
        return Score(answer.Minimum, answer.Desired, answer.Perceived);
    }

    /// <summary>Scores one item over a sample, inverted answers included: the mean levels and the count of answers in each location.</summary>
    /// <param name="instrument">The instrument, which gives the 1..k scale.</param>
    /// <param name="answers">The respondents' answers to the item.</param>
    /// <returns>The mean levels and the location counts.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> or <paramref name="answers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 1..k (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty.</exception>
    public static ThreeColumnSummary Score(ThreeColumnInstrument instrument, IReadOnlyList<ThreeColumnAnswer> answers)
        => Score(instrument, answers, excludeInverted: false);

    /// <summary>Scores one item over a sample: the mean levels and the count of answers in each location.</summary>
    /// <param name="instrument">The instrument, which gives the 1..k scale.</param>
    /// <param name="answers">The respondents' answers to the item.</param>
    /// <param name="excludeInverted">Whether answers with an inverted zone (desired below minimum) are left out, as some LibQUAL+ analyses do; they are counted in <see cref="ThreeColumnSummary.ExcludedInvertedCount"/>.</param>
    /// <returns>The mean levels and the location counts.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="instrument"/> or <paramref name="answers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 1..k (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, or holds only inverted answers and those are excluded.</exception>
    public static ThreeColumnSummary Score(ThreeColumnInstrument instrument, IReadOnlyList<ThreeColumnAnswer> answers, bool excludeInverted)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            SurveyThrow.EmptySample(nameof(answers));
        }

        double sumMin = 0, sumDes = 0, sumPer = 0;
        int count = 0, below = 0, within = 0, above = 0, inverted = 0, excluded = 0;
        for (var r = 0; r < answers.Count; r++)
        {
            var answer = answers[r];
            instrument.CheckScale(answer, nameof(answers), r);
            var score = Score(answer.Minimum, answer.Desired, answer.Perceived);
            if (score.IsInverted)
            {
                if (excludeInverted)
                {
                    excluded++;
                    continue;
                }

                inverted++;
            }

            count++;
            sumMin += answer.Minimum;
            sumDes += answer.Desired;
            sumPer += answer.Perceived;
            switch (score.Location)
            {
                case Zone.Below: below++; break;
                case Zone.Above: above++; break;
                default: within++; break;
            }
        }

        if (count == 0)
        {
            SurveyThrow.Argument(nameof(answers), string.Create(CultureInfo.InvariantCulture, $"All {excluded} answers have inverted zones and were excluded; nothing is left to summarise."));
        }

        return new ThreeColumnSummary(Score(sumMin / count, sumDes / count, sumPer / count), count, below, within, above, inverted, excluded);
    }

    /// <summary>Scores levels (single ratings or means); no scale check is made.</summary>
    /// <param name="minimum">The minimum level.</param>
    /// <param name="desired">The desired level.</param>
    /// <param name="perceived">The perceived level.</param>
    /// <returns>The zone-of-tolerance reading.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a level is not a finite number.</exception>
    public static ThreeColumnScore Score(double minimum, double desired, double perceived)
    {
        ThrowIfNotFinite(minimum, nameof(minimum));
        ThrowIfNotFinite(desired, nameof(desired));
        ThrowIfNotFinite(perceived, nameof(perceived));
        return new ThreeColumnScore(minimum, desired, perceived);
    }

    private static void ThrowIfNotFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The level must be a finite number.");
        }
    }
}
