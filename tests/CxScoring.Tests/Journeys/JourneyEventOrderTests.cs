using CxScoring.Journeys;


namespace CxScoring.Tests.Journeys;

public class JourneyEventOrderTests
{
    [Fact]
    public void Compare_SameInstant_EarlierStageFirstThenTouchpoint()
    {
        var invoice = JourneyFixtures.Event("c1", "invoice", 7, 0);
        var offer = JourneyFixtures.Event("c1", "offer", 7, 0);
        var later = JourneyFixtures.Event("c1", "offer", 7, 1);
        Assert.True(JourneyEventOrder.Instance.Compare(offer, invoice) < 0);
        Assert.True(JourneyEventOrder.Instance.Compare(invoice, later) < 0);
        Assert.Equal(0, JourneyEventOrder.Instance.Compare(offer, JourneyFixtures.Event("c1", "offer", 7, 0)));
    }
}
