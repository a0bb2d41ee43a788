namespace CxScoring.Model;

/// <summary>
/// Who supplies a measure's values: the operation (what was delivered, as recorded by systems) or the customer (what
/// was perceived, as answered in a survey or a rating). A scorecard rolls its touchpoints up by source, so that the
/// perceived gap can be read beside the delivered gap (<see cref="Scorecards.Scorecard.PerceivedVsDelivered"/>).
/// </summary>
public enum MeasureSource
{
    /// <summary>Operational: the value is what was delivered (a wait, a lateness, a bill's error). The default.</summary>
    Delivered = 0,

    /// <summary>Answered by customers: the value is what they perceived (CSAT on 1–5, CES, NPS likelihood, a zone-of-tolerance item's perceived level).</summary>
    Perceived = 1,
}
