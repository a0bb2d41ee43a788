namespace CxScoring.Surveys.Servqual;

/// <summary>Says which score a <see cref="ServqualResult"/> holds.</summary>
public enum ServqualMethod
{
    /// <summary>SERVQUAL gap scores: perception minus expectation (P − E) per item (Zeithaml, Parasuraman &amp; Berry 1990).</summary>
    Servqual = 0,

    /// <summary>SERVPERF performance-only scores: the perception P per item (Cronin &amp; Taylor 1992).</summary>
    Servperf = 1,
}
