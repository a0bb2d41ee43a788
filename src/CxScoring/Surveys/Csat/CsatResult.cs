using System.Globalization;

namespace CxScoring.Surveys.Csat;

/// <summary>A customer satisfaction (CSAT) result: the top-box percentage and the mean rating of a sample, each labelled by <see cref="CsatMeasure"/>.</summary>
/// <remarks>Create instances with <see cref="CsatScorer.Score"/>. Instances are immutable and safe to share between threads.</remarks>
public sealed class CsatResult
{
    internal CsatResult(CsatScale scale, int count, int topBoxCount, double mean)
    {
        Scale = scale;
        Count = count;
        TopBoxCount = topBoxCount;
        Mean = mean;
    }

    /// <summary>Gets the scale the ratings were given on.</summary>
    /// <value>The scale passed to <see cref="CsatScorer.Score"/>.</value>
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
