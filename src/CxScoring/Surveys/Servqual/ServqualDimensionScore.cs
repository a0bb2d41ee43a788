namespace CxScoring.Surveys.Servqual;

/// <summary>The sample score of one dimension.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ServqualDimensionScore
{
    internal ServqualDimensionScore(string name, double? meanExpectation, double meanPerception, double score, int respondentCount)
    {
        Name = name;
        MeanExpectation = meanExpectation;
        MeanPerception = meanPerception;
        Score = score;
        RespondentCount = respondentCount;
    }

    /// <summary>Gets the dimension's name.</summary>
    /// <value>The name given in the instrument.</value>
    public string Name { get; }

    /// <summary>Gets the mean expectation E over the respondents that entered the dimension.</summary>
    /// <value>The mean; <see langword="null"/> for SERVPERF.</value>
    public double? MeanExpectation { get; }

    /// <summary>Gets the mean perception P over the respondents that entered the dimension.</summary>
    /// <value>The mean on the 1..k scale.</value>
    public double MeanPerception { get; }

    /// <summary>Gets the dimension score: the gap P − E for SERVQUAL, the perception P for SERVPERF.</summary>
    /// <value>The mean of the respondents' dimension scores; for SERVQUAL it equals <see cref="MeanPerception"/> − <see cref="MeanExpectation"/>.</value>
    public double Score { get; }

    /// <summary>Gets the number of respondents whose dimension score entered the mean.</summary>
    /// <value>A positive count; 0 when the dimension was scored from published summary means, which carry no count.</value>
    public int RespondentCount { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Score:0.###} (n={RespondentCount})";
}
