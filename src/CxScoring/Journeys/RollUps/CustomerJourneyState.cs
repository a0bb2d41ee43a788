using System.Runtime.InteropServices;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The running state of one customer's journey on the engine's path, 144 bytes whatever the number of outcomes: integer
/// (fixed-point) sums, order-free extremes, and the last moment by journey order. Every field combines by an operation
/// that is associative and commutative and exact (integer addition, min, max by a total order, bitwise or), so states
/// fed in any order and split in any way merge to the same bits.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CustomerJourneyState
{
    /// <summary>The number of moments.</summary>
    internal long Count;

    /// <summary>Σ score · 2³² (truncated per term).</summary>
    internal long Sum;

    /// <summary>Σ score² · 2³² (truncated per term).</summary>
    internal long SumSquares;

    /// <summary>Σ w′ · score · 2³², w′ = touchpoint weight / the model's largest weight.</summary>
    internal long WeightedSum;

    /// <summary>Σ w′ · 2³².</summary>
    internal long WeightTotal;

    /// <summary>Σ r · score · 2³², r = 2^(−(AsOf − t)/half-life).</summary>
    internal long RecencySum;

    /// <summary>Σ r · 2³².</summary>
    internal long RecencyWeight;

    /// <summary>The best moment.</summary>
    internal double Max;

    /// <summary>The peak: the largest |score|, a shortfall winning a tie.</summary>
    internal double Peak;

    /// <summary>The worst moment.</summary>
    internal double Min;

    /// <summary>When the worst moment happened (the earliest of equal worst moments).</summary>
    internal long MinTime;

    /// <summary>The order key (stage, touchpoint, measure) of the worst moment.</summary>
    internal long MinKey;

    /// <summary>The last moment by journey order: instant, then order key, then score.</summary>
    internal long EndTime;

    /// <summary>The order key of the last moment.</summary>
    internal long EndKey;

    /// <summary>The score of the last moment.</summary>
    internal double EndScore;

    /// <summary>The owning units met (bit i: unit i of the plan's owner list, up to 64).</summary>
    internal ulong Owners;

    /// <summary>The segment of the last moment (<see cref="Plans.OutcomeRow.NoSegment"/> for none).</summary>
    internal int EndSegment;

    /// <summary>The touchpoint of the worst moment.</summary>
    internal int MinTouchpoint;

    /// <summary>The measure of the worst moment.</summary>
    internal int MinMeasure;

    /// <summary>The segment of the worst moment.</summary>
    internal int MinSegment;

    internal static CustomerJourneyState Empty => new()
    {
        Min = double.PositiveInfinity,
        Max = double.NegativeInfinity,
        EndTime = long.MinValue,
        EndKey = long.MinValue,
        EndScore = double.NegativeInfinity,
        MinTime = long.MaxValue,
        MinKey = long.MaxValue,
    };

    internal void Add(double score, long time, long key, long weight, long recency, int touchpoint, int measure, int segment, ulong owner)
    {
        var fixedScore = (long)(score * Scorecards.Accumulation.FixedPoint.One);
        Count++;
        Sum += fixedScore;
        SumSquares += (long)(score * score * Scorecards.Accumulation.FixedPoint.One);
        WeightedSum += (long)(score * weight);
        WeightTotal += weight;
        RecencySum += (long)(score * recency);
        RecencyWeight += recency;
        Max = Math.Max(Max, score);
        Peak = Count == 1 ? score : RollUpFormulas.MorePeak(Peak, score);
        if (score < Min || (score == Min && (time < MinTime || (time == MinTime && key < MinKey))))
        {
            Min = score;
            MinTime = time;
            MinKey = key;
            MinTouchpoint = touchpoint;
            MinMeasure = measure;
            MinSegment = segment;
        }

        if (time > EndTime || (time == EndTime && (key > EndKey || (key == EndKey && score > EndScore))))
        {
            EndTime = time;
            EndKey = key;
            EndScore = score;
            EndSegment = segment;
        }

        Owners |= owner;
    }

    internal void Add(in CustomerJourneyState other)
    {
        if (other.Count == 0)
        {
            return;
        }

        var first = Count == 0;
        Count += other.Count;
        Sum += other.Sum;
        SumSquares += other.SumSquares;
        WeightedSum += other.WeightedSum;
        WeightTotal += other.WeightTotal;
        RecencySum += other.RecencySum;
        RecencyWeight += other.RecencyWeight;
        Max = Math.Max(Max, other.Max);
        Peak = first ? other.Peak : RollUpFormulas.MorePeak(Peak, other.Peak);
        if (other.Min < Min || (other.Min == Min && (other.MinTime < MinTime || (other.MinTime == MinTime && other.MinKey < MinKey))))
        {
            Min = other.Min;
            MinTime = other.MinTime;
            MinKey = other.MinKey;
            MinTouchpoint = other.MinTouchpoint;
            MinMeasure = other.MinMeasure;
            MinSegment = other.MinSegment;
        }

        if (other.EndTime > EndTime || (other.EndTime == EndTime && (other.EndKey > EndKey || (other.EndKey == EndKey && other.EndScore > EndScore))))
        {
            EndTime = other.EndTime;
            EndKey = other.EndKey;
            EndScore = other.EndScore;
            EndSegment = other.EndSegment;
        }

        Owners |= other.Owners;
    }

    /// <summary>Computes every roll-up, indexed by <see cref="RollUpKind"/>, into <paramref name="values"/>.</summary>
    internal readonly void RollUps(Span<double> values, RollUpOptions options)
    {
        const double One = Scorecards.Accumulation.FixedPoint.One;
        var mean = Math.Clamp(Sum / One / Count, Min, Max);
        var meanSquare = SumSquares / One / Count;
        var dispersion = Math.Sqrt(Math.Max(meanSquare - (mean * mean), 0));
        values[(int)RollUpKind.Mean] = mean;
        values[(int)RollUpKind.WeightedMean] = WeightTotal > 0 ? Math.Clamp((double)WeightedSum / WeightTotal, Min, Max) : mean;
        values[(int)RollUpKind.PeakEnd] = Math.Clamp(RollUpFormulas.PeakEndOf(Peak, EndScore), Min, Max);
        values[(int)RollUpKind.MeanPlusPeak] = RollUpFormulas.MeanPlusPeakOf(mean, Max, options.PeakWeight);
        values[(int)RollUpKind.WeakestLink] = Min;
        values[(int)RollUpKind.RecencyWeighted] = RecencyWeight > 0 ? Math.Clamp((double)RecencySum / RecencyWeight, Min, Max) : EndScore;
        values[(int)RollUpKind.ConsistencyAdjusted] = mean - (options.ConsistencyPenalty * dispersion);
    }
}
