using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Model;

namespace CxScoring.Scorecards;

/// <summary>
/// One touchpoint's outcomes split by who supplied them (<see cref="Measure.Source"/>): the aggregate of its delivered
/// measures beside the aggregate of its perceived measures (ratings and survey answers), with the differences of their
/// mean score, mean adequacy and below-zone share, and whether they agree (<see cref="Scorecard.PerceivedVsDelivered"/>).
/// </summary>
/// <remarks>
/// <para>Both aggregates are exact fixed-point roll-ups of the scorecard's cells by measure source, so the row merges as
/// the scorecard does. The perceived side also holds the ratings carried on delivered outcomes (<see cref="Measure.RatedBy"/>),
/// each scored as an outcome of its perceived measure; without such ratings <c>Delivered.Merge(Perceived)</c> equals the
/// touchpoint's aggregate.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class PerceivedVsDelivered : IEquatable<PerceivedVsDelivered>
{
    internal PerceivedVsDelivered(Touchpoint touchpoint, ScoreAggregate delivered, ScoreAggregate perceived, RatingAgreement? ratings = null)
    {
        Ratings = ratings ?? RatingAgreement.Empty;
        Touchpoint = touchpoint;
        Delivered = delivered;
        Perceived = perceived;
        Agreement = AgreementOf(delivered, perceived);
    }

    /// <summary>Gets the touchpoint.</summary>
    public Touchpoint Touchpoint { get; }

    /// <summary>Gets the aggregate of the touchpoint's outcomes of delivered (operational) measures.</summary>
    public ScoreAggregate Delivered { get; }

    /// <summary>Gets the aggregate of the touchpoint's outcomes of perceived measures (answered by customers).</summary>
    public ScoreAggregate Perceived { get; }

    /// <summary>Gets the perceived mean score minus the delivered mean score: below zero when customers perceive a larger gap than was delivered.</summary>
    /// <value>A difference in [−2, 2]; NaN when either side has no outcomes.</value>
    public double ScoreMeanGap => Perceived.ScoreMean - Delivered.ScoreMean;

    /// <summary>Gets the perceived mean adequacy (MSA, in scales of each measure) minus the delivered one.</summary>
    /// <value>NaN when either side has no outcomes.</value>
    public double AdequacyMeanGap => Perceived.AdequacyMean - Delivered.AdequacyMean;

    /// <summary>Gets the perceived share of outcomes below the zone of tolerance minus the delivered share, in [−1, 1].</summary>
    /// <value>NaN when either side has no outcomes.</value>
    public double BelowShareGap => Perceived.ZoneShare(Zone.Below) - Delivered.ZoneShare(Zone.Below);

    /// <summary>Gets whether the delivered and perceived sides agree: each falls short when its mean adequacy is below zero.</summary>
    public PerceptionAgreement Agreement { get; }

    /// <summary>Gets the agreement table of the touchpoint's rated outcomes, per outcome: (delivered zone, perceived zone)
    /// counts over every delivered measure with <see cref="Measure.RatedBy"/> and every segment.</summary>
    public RatingAgreement Ratings { get; }

    /// <summary>Gets the number of the touchpoint's outcomes whose carried rating was scored (<see cref="RatingAgreement.Total"/> of <see cref="Ratings"/>).</summary>
    public long RatedOutcomes => Ratings.Total;

    /// <summary>Gets the share of rated outcomes delivered within or above the zone but rated below it by the customer.</summary>
    /// <value>A share in [0, 1]; NaN when no rating was scored at the touchpoint.</value>
    public double DeliveredFinePerceivedPoor => Ratings.DeliveredFinePerceivedPoor;

    /// <summary>Gets the share of rated outcomes delivered below the zone but rated within or above it by the customer.</summary>
    /// <value>A share in [0, 1]; NaN when no rating was scored at the touchpoint.</value>
    public double DeliveredPoorPerceivedFine => Ratings.DeliveredPoorPerceivedFine;

    /// <inheritdoc/>
    public bool Equals(PerceivedVsDelivered? other)
        => other is not null && Touchpoint.Equals(other.Touchpoint) && Delivered.Equals(other.Delivered) && Perceived.Equals(other.Perceived)
           && Ratings.Equals(other.Ratings);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PerceivedVsDelivered);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Touchpoint.Id, Delivered, Perceived);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Touchpoint.Id}: delivered {Delivered.Count} (mean score {Delivered.ScoreMean:0.###}), perceived {Perceived.Count} (mean score {Perceived.ScoreMean:0.###}); {Agreement}");

    private static PerceptionAgreement AgreementOf(ScoreAggregate delivered, ScoreAggregate perceived)
    {
        if (delivered.Count == 0 || perceived.Count == 0)
        {
            return PerceptionAgreement.NotComparable;
        }

        var deliveredShort = delivered.AdequacySumFixed < 0;
        var perceivedShort = perceived.AdequacySumFixed < 0;
        return (deliveredShort, perceivedShort) switch
        {
            (false, false) => PerceptionAgreement.BothAdequate,
            (true, true) => PerceptionAgreement.BothShort,
            (false, true) => PerceptionAgreement.DeliveredFinePerceivedPoor,
            _ => PerceptionAgreement.DeliveredPoorPerceivedFine,
        };
    }
}
