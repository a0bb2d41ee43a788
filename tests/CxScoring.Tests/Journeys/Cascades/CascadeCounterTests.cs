using System.Reflection;
using CxScoring.Journeys;
using CxScoring.Journeys.Cascades;
using CxScoring.Journeys.RollUps;
using FsCheck.Xunit;

namespace CxScoring.Tests.Journeys.Cascades;

public class CascadeCounterTests
{
    [Property(MaxTest = 100)]
    public void AddJourney_RowsFilledByTheJourneyFold_EqualsTheMomentsAndTheReferencePath(int seed, bool recency)
    {
        // The one pass reads a customer's moments once: the journey fold hands each moment's instant, touchpoint and
        // score to the counter's rows as it folds. The counts must equal those of the counter reading the moments
        // itself, and the reference path's, pairwise or sorted; the fold's state must be the fold's alone, bit for bit.
        var rows = JourneyPassFixtures.RandomRows(seed);
        var plan = JourneyPassFixtures.Plan;
        var zone = JourneyPassFixtures.Prices.TimeZone;
        var journeyOptions = recency ? JourneyPassFixtures.Prices.Journeys : new JourneyScorecardOptions();
        foreach (var options in (CascadeRiskOptions?[])[JourneyPassFixtures.Prices.Cascades, null])
        {
            var reference = JourneyPassFixtures.Cascades(CascadeRiskReference.AnalyzeBySorting(plan, rows, options, zone));
            foreach (var limit in (int[])[0, 5, CascadeCounter.PairwiseLimit])
            {
                var byMoments = new CascadeCounter(plan, options ?? CascadeRiskOptions.Default, zone, 3, limit);
                var byFold = new CascadeCounter(plan, options ?? CascadeRiskOptions.Default, zone, 3, limit);
                var byInstant = new CascadeCounter(plan, options ?? CascadeRiskOptions.Default, zone, 3, limit);
                var visitor = new Visitor(new JourneyScorecardBuilder(plan, journeyOptions), byMoments, byFold, byInstant);
                var none = default(NoScoredRowSink);
                using var grouped = CustomerRows.Build(plan, rows, ref none, 3);
                grouped.Visit(ref visitor);
                Assert.Equal(reference, JourneyPassFixtures.Cascades(byMoments.ToReport(rows.Length, grouped.Scored)));
                Assert.Equal(reference, JourneyPassFixtures.Cascades(byFold.ToReport(rows.Length, grouped.Scored)));
                Assert.Equal(reference, JourneyPassFixtures.Cascades(byInstant.ToReport(rows.Length, grouped.Scored)));
            }
        }
    }

    /// <summary>Every field of a state, doubles by their bits.</summary>
    private static string Bits(CustomerJourneyState state)
        => string.Join(
            ",",
            typeof(CustomerJourneyState).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(f => f.GetValue(state) is double d ? BitConverter.DoubleToInt64Bits(d) : f.GetValue(state)));

    private readonly struct Visitor(JourneyScorecardBuilder journeys, CascadeCounter byMoments, CascadeCounter byFold, CascadeCounter byInstant) : IJourneyVisitor
    {
        private readonly byte[] _order = new byte[CxScoring.Kernels.ContactKernel.OrderLimit];

        public void Visit(ReadOnlySpan<JourneyMoment> journey)
        {
            var alone = journeys.FoldJourney(journey);
            byMoments.AddJourney(journey);
            var rows = byFold.Rows(journey.Length);
            var state = journeys.FoldJourney(journey, ref rows);
            byFold.AddJourney(ref rows);
            Assert.Equal(Bits(alone), Bits(state));

            // As the one pass takes a short journey: in order of its instants, the rows handed to the count in that order.
            var times = new long[Math.Max(journey.Length, CxScoring.Kernels.ContactKernel.OrderLimit)];
            for (var i = 0; i < journey.Length; i++)
            {
                times[i] = journey[i].Time;
            }

            var ordered = CxScoring.Kernels.ContactKernel.TryOrderByInstant(times, journey.Length, _order);
            var inOrder = byInstant.Rows(journey.Length);
            var stateInOrder = ordered ? journeys.FoldJourney(journey, _order.AsSpan(0, journey.Length), ref inOrder) : journeys.FoldJourney(journey, ref inOrder);
            byInstant.AddJourney(ref inOrder, ordered);
            Assert.Equal(Bits(alone), Bits(stateInOrder));
        }
    }
}
