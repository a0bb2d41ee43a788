using System.Globalization;

namespace CxScoring.Surveys.Servqual;

/// <summary>
/// The published summary of one SERVQUAL dimension: its mean expectation E and mean perception P, as papers report
/// them in a table, for <see cref="ServqualScorer.Score(IReadOnlyList{ServqualDimensionMeans}, IReadOnlyList{double})"/>
/// when the raw answers are not available.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ServqualDimensionMeans
{
    /// <summary>Initializes a new instance of the <see cref="ServqualDimensionMeans"/> class.</summary>
    /// <param name="name">The dimension's name (Tangibles, Reliability, …).</param>
    /// <param name="meanExpectation">The mean expectation E on the survey's scale.</param>
    /// <param name="meanPerception">The mean perception P on the survey's scale.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a mean is not a finite number.</exception>
    public ServqualDimensionMeans(string name, double meanExpectation, double meanPerception)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        RequireFinite(meanExpectation, nameof(meanExpectation));
        RequireFinite(meanPerception, nameof(meanPerception));
        Name = name;
        MeanExpectation = meanExpectation;
        MeanPerception = meanPerception;
    }

    /// <summary>Gets the dimension's name.</summary>
    /// <value>A non-blank name.</value>
    public string Name { get; }

    /// <summary>Gets the mean expectation E.</summary>
    /// <value>A finite number on the survey's scale.</value>
    public double MeanExpectation { get; }

    /// <summary>Gets the mean perception P.</summary>
    /// <value>A finite number on the survey's scale.</value>
    public double MeanPerception { get; }

    /// <summary>Gets the dimension gap P − E.</summary>
    /// <value><see cref="MeanPerception"/> − <see cref="MeanExpectation"/>: negative when perceptions fall short of expectations.</value>
    public double Gap => MeanPerception - MeanExpectation;

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Name}: E {MeanExpectation:0.###}, P {MeanPerception:0.###}, gap {Gap:0.###}");

    private static void RequireFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A dimension mean must be a finite number.");
        }
    }
}
