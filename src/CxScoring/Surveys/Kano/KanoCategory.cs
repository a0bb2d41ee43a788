namespace CxScoring.Surveys.Kano;

/// <summary>A Kano category (Kano et al. 1984), with its conventional letter in each summary.</summary>
public enum KanoCategory
{
    /// <summary>A — attractive: delights when present, not missed when absent.</summary>
    Attractive = 0,

    /// <summary>O — one-dimensional: satisfaction rises with fulfilment.</summary>
    OneDimensional = 1,

    /// <summary>M — must-be: taken for granted, dissatisfies when absent.</summary>
    MustBe = 2,

    /// <summary>I — indifferent: neither satisfies nor dissatisfies.</summary>
    Indifferent = 3,

    /// <summary>R — reverse: the respondent prefers the feature absent.</summary>
    Reverse = 4,

    /// <summary>Q — questionable: contradictory answers.</summary>
    Questionable = 5,
}
