using NodaTime;

namespace CxScoring.Journeys.RollUps;

/// <summary>
/// The running state of every roll-up for one journey, fed one event at a time in any order. Its size is bounded by the
/// number of distinct touchpoints, not by the number of events: batch and incremental roll-ups share it.
/// </summary>
internal sealed class RollUpAccumulator
{
    private readonly RollUpOptions _options;
    private readonly double _halfLifeSeconds;
    private readonly Dictionary<string, (double Sum, int Count)> _perTouchpoint = new(StringComparer.Ordinal);
    private double _sum;
    private double _weightedSum;
    private double _weightTotal;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _peak;
    private JourneyEvent _end;
    private Instant _latest;
    private double _recencySum;
    private double _recencyWeight;

    internal RollUpAccumulator(RollUpOptions options)
    {
        _options = options;
        _halfLifeSeconds = options.HalfLife.TotalSeconds;
    }

    internal int Count { get; private set; }

    internal void Add(in JourneyEvent e)
    {
        var x = _options.ValueOf(e);
        var t = e.ObservedAt;
        if (Count == 0)
        {
            _peak = x;
            _end = e;
            _latest = t;
            _recencySum = x;
            _recencyWeight = 1;
        }
        else
        {
            _peak = RollUpFormulas.MorePeak(_peak, x);
            if (JourneyEventOrder.Instance.Compare(e, _end) > 0)
            {
                _end = e;
            }

            if (t > _latest)
            {
                var decay = Math.Pow(2, -(t - _latest).TotalSeconds / _halfLifeSeconds);
                _recencySum = (_recencySum * decay) + x;
                _recencyWeight = (_recencyWeight * decay) + 1;
                _latest = t;
            }
            else
            {
                var w = Math.Pow(2, -(_latest - t).TotalSeconds / _halfLifeSeconds);
                _recencySum += w * x;
                _recencyWeight += w;
            }
        }

        Count++;
        _sum += x;
        _weightedSum += e.Weight * x;
        _weightTotal += e.Weight;
        _min = Math.Min(_min, x);
        _max = Math.Max(_max, x);
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_perTouchpoint, e.Outcome.TouchpointId, out _);
        slot = (slot.Sum + x, slot.Count + 1);
    }

    internal JourneyRollUp ToRollUp()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("A roll-up needs at least one event.");
        }

        var mean = _sum / Count;
        var endValue = _options.ValueOf(_end);

        // Dispersion across touchpoints: the population standard deviation of the per-touchpoint means.
        var touchpointMeans = new double[_perTouchpoint.Count];
        var i = 0;
        foreach (var (_, (sum, count)) in _perTouchpoint)
        {
            touchpointMeans[i++] = sum / count;
        }

        Array.Sort(touchpointMeans);
        var dispersion = RollUpFormulas.Dispersion(touchpointMeans);
        return new JourneyRollUp(
            Count,
            _perTouchpoint.Count,
            Clamp(mean),
            Clamp(_weightedSum / _weightTotal),
            _peak,
            endValue,
            Clamp((_peak + endValue) / 2.0),
            Clamp(((1 - _options.PeakWeight) * mean) + (_options.PeakWeight * _max)),
            _min,
            _max,
            Clamp(_recencySum / _recencyWeight),
            dispersion,
            mean - (_options.ConsistencyPenalty * dispersion),
            _options);
    }

    // Sums in a different order can stray by an ulp past the extremes; keep the bounds exact.
    private double Clamp(double value) => Math.Clamp(value, _min, _max);
}
