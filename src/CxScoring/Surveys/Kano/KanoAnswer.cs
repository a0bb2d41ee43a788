namespace CxScoring.Surveys.Kano;

/// <summary>An answer to a functional or dysfunctional Kano question; the numeric values are the conventional codes 1–5.</summary>
public enum KanoAnswer
{
    /// <summary>"I like it that way" (code 1).</summary>
    Like = 1,

    /// <summary>"It must be that way" (code 2).</summary>
    MustBe = 2,

    /// <summary>"I am neutral" (code 3).</summary>
    Neutral = 3,

    /// <summary>"I can live with it that way" (code 4).</summary>
    LiveWith = 4,

    /// <summary>"I dislike it that way" (code 5).</summary>
    Dislike = 5,
}
