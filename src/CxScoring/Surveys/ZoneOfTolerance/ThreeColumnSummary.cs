namespace CxScoring.Surveys.ZoneOfTolerance;

/// <summary>The sample summary of one three-column item: mean levels, their zone reading and the count of respondents in each location.</summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class ThreeColumnSummary
{
    internal ThreeColumnSummary(ThreeColumnScore mean, int count, int below, int within, int above, int inverted, int excludedInverted)
    {
        Mean = mean;
        Count = count;
        BelowCount = below;
        WithinCount = within;
        AboveCount = above;
        InvertedCount = inverted;
        ExcludedInvertedCount = excludedInverted;
    }

    /// <summary>Gets the zone reading of the mean minimum, mean desired and mean perceived levels; its MSA and MSS equal the mean individual MSA and MSS.</summary>
    /// <value>The reading of the means.</value>
    public ThreeColumnScore Mean { get; }

    /// <summary>Gets the number of answers summarised.</summary>
    /// <value>A positive count.</value>
    public int Count { get; }

    /// <summary>Gets the number of answers below their own zone.</summary>
    /// <value>A count between 0 and <see cref="Count"/>.</value>
    public int BelowCount { get; }

    /// <summary>Gets the number of answers within their own zone.</summary>
    /// <value>A count between 0 and <see cref="Count"/>.</value>
    public int WithinCount { get; }

    /// <summary>Gets the number of answers above their own zone.</summary>
    /// <value>A count between 0 and <see cref="Count"/>.</value>
    public int AboveCount { get; }

    /// <summary>Gets the number of summarised answers with an inverted zone (desired below minimum).</summary>
    /// <value>0 when inverted answers were excluded.</value>
    public int InvertedCount { get; }

    /// <summary>Gets the number of inverted answers left out of the summary on request.</summary>
    /// <value>0 unless inverted answers were excluded.</value>
    public int ExcludedInvertedCount { get; }
}
