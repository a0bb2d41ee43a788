namespace CxScoring.Surveys.Ces;

/// <summary>Which end of a customer effort scale is the good one.</summary>
public enum EffortPolarity
{
    /// <summary>Lower ratings are better: the original CES asks how much effort was needed (1 = very low effort).</summary>
    LowerIsBetter = 0,

    /// <summary>Higher ratings are better: CES 2.0 asks for agreement that the company made it easy (7 = strongly agree).</summary>
    HigherIsBetter = 1,
}
