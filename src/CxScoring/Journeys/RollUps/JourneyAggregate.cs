using System.Collections.Immutable;
using System.Globalization;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The journeys of one cell of a <see cref="JourneyScorecard"/> (all customers, a segment, an owner or a month): how
/// many, how many outcomes they hold, and the distribution of each <see cref="RollUpKind"/> over them, for example
/// the share of customers whose peak-end is below the zone: <c>Get(RollUpKind.PeakEnd).BelowShare</c>.
/// </summary>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class JourneyAggregate : IEquatable<JourneyAggregate>
{
    internal static readonly int KindCount = Enum.GetValues<RollUpKind>().Length;

    private readonly ImmutableArray<JourneyDistribution> _distributions;

    internal JourneyAggregate(long outcomeCount, ImmutableArray<JourneyDistribution> distributions)
    {
        OutcomeCount = outcomeCount;
        _distributions = distributions;
    }

    /// <summary>Gets the number of journeys (customers).</summary>
    public long CustomerCount => _distributions[(int)RollUpKind.Mean].Count;

    /// <summary>Gets the number of scored outcomes in the journeys.</summary>
    public long OutcomeCount { get; }

    /// <summary>Gets the distribution of one roll-up.</summary>
    /// <param name="kind">The roll-up.</param>
    /// <returns>The distribution; empty for <see cref="RollUpKind.RecencyWeighted"/> when <see cref="JourneyScorecardOptions.AsOf"/> is not set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="kind"/> is not a roll-up.</exception>
    public JourneyDistribution Get(RollUpKind kind)
    {
        if ((uint)kind >= (uint)KindCount)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a roll-up.");
        }

        return _distributions[(int)kind];
    }

    /// <summary>Merges with the aggregate of other journeys (other customers); exact in any order.</summary>
    /// <param name="other">The other aggregate.</param>
    /// <returns>The merged aggregate.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="other"/> is <see langword="null"/>.</exception>
    public JourneyAggregate Merge(JourneyAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = new AggregateSums();
        sum.Add(this);
        sum.Add(other);
        return sum.ToAggregate();
    }

    /// <inheritdoc/>
    public bool Equals(JourneyAggregate? other)
    {
        if (other is null || OutcomeCount != other.OutcomeCount)
        {
            return false;
        }

        for (var i = 0; i < _distributions.Length; i++)
        {
            if (!_distributions[i].Equals(other._distributions[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as JourneyAggregate);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OutcomeCount, _distributions[0]);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CustomerCount} journeys, {OutcomeCount} outcomes; peak-end below the zone {Get(RollUpKind.PeakEnd).BelowShare:P1}");

    /// <summary>A mutable sum of journey aggregates.</summary>
    internal sealed class AggregateSums
    {
        private readonly DistributionSum[] _sums = CreateSums();
        private long _outcomes;

        internal void Add(long outcomes, ReadOnlySpan<double> values, bool hasRecency)
        {
            _outcomes += outcomes;
            for (var i = 0; i < _sums.Length; i++)
            {
                if (i != (int)RollUpKind.RecencyWeighted || hasRecency)
                {
                    _sums[i].Add(values[i]);
                }
            }
        }

        internal void Add(JourneyAggregate aggregate)
        {
            _outcomes += aggregate.OutcomeCount;
            for (var i = 0; i < _sums.Length; i++)
            {
                _sums[i].Add(aggregate._distributions[i]);
            }
        }

        internal JourneyAggregate ToAggregate()
        {
            var distributions = new JourneyDistribution[_sums.Length];
            for (var i = 0; i < distributions.Length; i++)
            {
                distributions[i] = _sums[i].ToDistribution();
            }

            return new JourneyAggregate(_outcomes, [.. distributions]);
        }

        private static DistributionSum[] CreateSums()
        {
            var sums = new DistributionSum[KindCount];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = new DistributionSum();
            }

            return sums;
        }
    }
}
