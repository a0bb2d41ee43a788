using System.Globalization;
using CxScoring.Gaps;
using CxScoring.Model;

namespace CxScoring.Scorecards;

/// <summary>
/// The 3 × 3 agreement table of scored ratings (<see cref="Outcome.PerceivedRating"/> on outcomes of a measure with
/// <see cref="Measure.RatedBy"/>): how many rated outcomes fell in each zone as delivered and, by the customer's own
/// rating, as perceived. Read one cell with <see cref="Count(Zone, Zone)"/>; the disagreements are
/// <see cref="DeliveredFinePerceivedPoor"/> (delivered within or above the zone, perceived below) and
/// <see cref="DeliveredPoorPerceivedFine"/> (the reverse).
/// </summary>
/// <remarks>Counts are integers, so tables add exactly in any order. Instances are immutable and safe to share between threads.</remarks>
public sealed class RatingAgreement : IEquatable<RatingAgreement>
{
    private readonly long[] _counts;

    internal RatingAgreement(ReadOnlySpan<long> counts)
    {
        _counts = counts.ToArray();
        foreach (var count in _counts)
        {
            Total += count;
        }

        for (var delivered = 0; delivered < 3; delivered++)
        {
            for (var perceived = 0; perceived < 3; perceived++)
            {
                var count = _counts[(delivered * 3) + perceived];
                if (delivered != (int)Zone.Below && perceived == (int)Zone.Below)
                {
                    DeliveredFinePerceivedPoorCount += count;
                }
                else if (delivered == (int)Zone.Below && perceived != (int)Zone.Below)
                {
                    DeliveredPoorPerceivedFineCount += count;
                }
            }
        }
    }

    /// <summary>Gets the table with no rated outcome.</summary>
    public static RatingAgreement Empty { get; } = new(new long[9]);

    /// <summary>Gets the number of scored ratings in the table: the sum of its nine counts.</summary>
    public long Total { get; }

    /// <summary>Gets the number of rated outcomes delivered within or above the zone of tolerance but rated below it by the customer.</summary>
    public long DeliveredFinePerceivedPoorCount { get; }

    /// <summary>Gets the number of rated outcomes delivered below the zone of tolerance but rated within or above it by the customer.</summary>
    public long DeliveredPoorPerceivedFineCount { get; }

    /// <summary>Gets the share of rated outcomes delivered fine (within or above the zone) but perceived poor (below it).</summary>
    /// <value>A share in [0, 1]; NaN when no rating was scored.</value>
    public double DeliveredFinePerceivedPoor => Total == 0 ? double.NaN : (double)DeliveredFinePerceivedPoorCount / Total;

    /// <summary>Gets the share of rated outcomes delivered poor (below the zone) but perceived fine (within or above it).</summary>
    /// <value>A share in [0, 1]; NaN when no rating was scored.</value>
    public double DeliveredPoorPerceivedFine => Total == 0 ? double.NaN : (double)DeliveredPoorPerceivedFineCount / Total;

    /// <summary>Gets the number of rated outcomes delivered in one zone and perceived in another.</summary>
    /// <param name="delivered">The zone of the delivered value.</param>
    /// <param name="perceived">The zone of the customer's rating.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a zone is not defined; the message names the parameter.</exception>
    public long Count(Zone delivered, Zone perceived)
    {
        if ((uint)delivered > (uint)Zone.Above)
        {
            throw new ArgumentOutOfRangeException(nameof(delivered), delivered, "Not a defined zone.");
        }

        if ((uint)perceived > (uint)Zone.Above)
        {
            throw new ArgumentOutOfRangeException(nameof(perceived), perceived, "Not a defined zone.");
        }

        return _counts[((int)delivered * 3) + (int)perceived];
    }

    /// <summary>Adds two tables: the table of both sets of rated outcomes.</summary>
    /// <param name="other">The other table.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    public RatingAgreement Merge(RatingAgreement other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Span<long> sum = stackalloc long[9];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = _counts[i] + other._counts[i];
        }

        return new RatingAgreement(sum);
    }

    /// <inheritdoc/>
    public bool Equals(RatingAgreement? other) => other is not null && _counts.AsSpan().SequenceEqual(other._counts);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RatingAgreement);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Total, DeliveredFinePerceivedPoorCount, DeliveredPoorPerceivedFineCount);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Total} rated: {DeliveredFinePerceivedPoorCount} delivered fine, perceived poor; {DeliveredPoorPerceivedFineCount} delivered poor, perceived fine");

    internal ReadOnlySpan<long> Counts => _counts;
}
