using System.Globalization;

namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>
/// The three-column zone-of-tolerance format (Parasuraman, Zeithaml &amp; Berry 1994; LibQUAL+): each item is
/// rated for the minimum acceptable, the desired and the perceived service level on a 1..k scale (9 points as
/// published).
/// </summary>
/// <remarks>Instances are immutable and safe to use from any number of threads.</remarks>
public sealed class ThreeColumnInstrument
{
    /// <summary>The published 9-point instrument.</summary>
    public static readonly ThreeColumnInstrument NinePoint = new(9);

    /// <summary>Initializes a new instance of the <see cref="ThreeColumnInstrument"/> class.</summary>
    /// <param name="scalePoints">The number of scale points k; answers run from 1 to k.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="scalePoints"/> is outside 2–11.</exception>
    public ThreeColumnInstrument(int scalePoints = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scalePoints, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scalePoints, 11);
        ScalePoints = scalePoints;
    }

    /// <summary>Gets the number of scale points k.</summary>
    /// <value>9 for <see cref="NinePoint"/>.</value>
    public int ScalePoints { get; }

    /// <summary>Scores one answer.</summary>
    /// <param name="answer">The three ratings.</param>
    /// <returns>The MSA, MSS, location and position of the answer; an inverted zone is reported, not rejected.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 1..k.</exception>
    public ThreeColumnScore Score(ThreeColumnAnswer answer)
    {
        CheckScale(answer, nameof(answer), -1);
        return ThreeColumnScore.FromLevels(answer.Minimum, answer.Desired, answer.Perceived);
    }

    /// <summary>Summarises one item over a sample.</summary>
    /// <param name="answers">The respondents' answers to the item.</param>
    /// <param name="excludeInverted">Whether answers with an inverted zone (desired below minimum) are left out, as some LibQUAL+ analyses do; they are counted in <see cref="ThreeColumnSummary.ExcludedInvertedCount"/>.</param>
    /// <returns>The mean levels and the location counts.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="answers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a rating is outside 1..k (the message names the respondent).</exception>
    /// <exception cref="ArgumentException">Thrown when the sample is empty, or holds only inverted answers and those are excluded.</exception>
    public ThreeColumnSummary Summarize(IReadOnlyList<ThreeColumnAnswer> answers, bool excludeInverted = false)
    {
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
            CheckScale(answer, nameof(answers), r);
            var score = ThreeColumnScore.FromLevels(answer.Minimum, answer.Desired, answer.Perceived);
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
                case ToleranceZoneLocation.Below: below++; break;
                case ToleranceZoneLocation.Above: above++; break;
                default: within++; break;
            }
        }

        if (count == 0)
        {
            SurveyThrow.Argument(nameof(answers), string.Create(CultureInfo.InvariantCulture, $"All {excluded} answers have inverted zones and were excluded; nothing is left to summarise."));
        }

        return new ThreeColumnSummary(ThreeColumnScore.FromLevels(sumMin / count, sumDes / count, sumPer / count), count, below, within, above, inverted, excluded);
    }

    private void CheckScale(ThreeColumnAnswer answer, string paramName, int respondent)
    {
        Check(answer.Minimum, "minimum");
        Check(answer.Desired, "desired");
        Check(answer.Perceived, "perceived");

        void Check(int value, string column)
        {
            if (value < 1 || value > ScalePoints)
            {
                if (respondent < 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"The {column} rating {value} is outside the 1–{ScalePoints} scale."));
                }

                SurveyThrow.AnswerOutOfRange(paramName, respondent, column + " rating", value, 1, ScalePoints);
            }
        }
    }
}
