namespace CxScoring.Journeys.RollUps;

/// <summary>Which figure of a scored event is a journey's moment.</summary>
public enum MomentValue
{
    /// <summary>The disconfirmation score in [−1, 1].</summary>
    Score = 0,

    /// <summary>The felt value (prospect theory), in which shortfalls weigh more than surpluses.</summary>
    FeltValue = 1,
}
