using System.Globalization;

namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>
/// The three-column zone-of-tolerance format (Parasuraman, Zeithaml &amp; Berry 1994; LibQUAL+): each item is
/// rated for the minimum acceptable, the desired and the perceived service level on a 1..k scale (9 points as
/// published).
/// </summary>
/// <remarks>Score answers with <see cref="ThreeColumnScorer"/>. Instances are immutable and safe to use from any number of threads.</remarks>
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

    internal void CheckScale(ThreeColumnAnswer answer, string paramName, int respondent)
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
