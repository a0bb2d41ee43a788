namespace CxScoring.Surveys.Csat;

/// <summary>The two conventional ways of reporting CSAT; a reported figure should always say which it is.</summary>
public enum CsatMeasure
{
    /// <summary>The percentage of ratings in the top box(es) of the scale.</summary>
    TopBoxPercent = 0,

    /// <summary>The mean rating on the scale.</summary>
    Mean = 1,
}
