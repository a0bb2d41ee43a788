using System.Globalization;
using CxScoring.Gaps;

namespace CxScoring.Surveys.Ces;

/// <summary>A customer effort score: the mean rating on a scale that carries its polarity, and the polarity-free ease in [0, 1].</summary>
/// <remarks>Create instances with <see cref="CesScorer.Score"/>. Instances are immutable and safe to share between threads.</remarks>
public sealed class CesResult
{
    internal CesResult(CesScale scale, int count, double mean)
    {
        Scale = scale;
        Count = count;
        Mean = mean;
    }

    /// <summary>Gets the scale the ratings were given on, with its polarity.</summary>
    /// <value>The scale passed to <see cref="CesScorer.Score"/>.</value>
    public CesScale Scale { get; }

    /// <summary>Gets the polarity of <see cref="Mean"/>.</summary>
    /// <value>The scale's polarity: whether a lower or a higher mean is better.</value>
    public Polarity Polarity => Scale.Polarity;

    /// <summary>Gets the number of ratings.</summary>
    /// <value>A positive count.</value>
    public int Count { get; }

    /// <summary>Gets the mean rating, the customer effort score as published.</summary>
    /// <value>A number between the scale's minimum and maximum; read it with <see cref="Polarity"/>.</value>
    public double Mean { get; }

    /// <summary>Gets the mean rescaled to ease in [0, 1], 1 being the least effort, whatever the scale's polarity.</summary>
    /// <value>(mean − min)/(max − min) for higher-is-better scales, (max − mean)/(max − min) for lower-is-better ones.</value>
    public double Ease => Polarity == Polarity.HigherIsBetter
        ? (Mean - Scale.Minimum) / (Scale.Maximum - Scale.Minimum)
        : (Scale.Maximum - Mean) / (Scale.Maximum - Scale.Minimum);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"CES {Mean:0.00} on {Scale} (n={Count})");
}
