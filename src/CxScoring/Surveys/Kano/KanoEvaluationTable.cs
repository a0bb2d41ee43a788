namespace CxScoring.Surveys.Kano;

/// <summary>A Kano evaluation table: maps a (functional, dysfunctional) answer pair to a <see cref="KanoCategory"/>.</summary>
/// <remarks>
/// <see cref="Standard"/> is the table of Kano et al. (1984) as given by Berger et al. (1993);
/// <see cref="Pouliot"/> (Pouliot 1993) also grades identical answers on both questions as questionable,
/// except Neutral/Neutral, which stays indifferent. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class KanoEvaluationTable
{
    private const KanoCategory A = KanoCategory.Attractive;
    private const KanoCategory O = KanoCategory.OneDimensional;
    private const KanoCategory M = KanoCategory.MustBe;
    private const KanoCategory I = KanoCategory.Indifferent;
    private const KanoCategory R = KanoCategory.Reverse;
    private const KanoCategory Q = KanoCategory.Questionable;

    /// <summary>The standard table (rows functional, columns dysfunctional; Like, Must-be, Neutral, Live-with, Dislike).</summary>
    public static readonly KanoEvaluationTable Standard = new(
        "Standard",
        [
            Q, A, A, A, O,
            R, I, I, I, M,
            R, I, I, I, M,
            R, I, I, I, M,
            R, R, R, R, Q,
        ]);

    /// <summary>The Pouliot table: the standard table with Must-be/Must-be and Live-with/Live-with graded questionable.</summary>
    public static readonly KanoEvaluationTable Pouliot = new(
        "Pouliot",
        [
            Q, A, A, A, O,
            R, Q, I, I, M,
            R, I, I, I, M,
            R, I, I, Q, M,
            R, R, R, R, Q,
        ]);

    private readonly KanoCategory[] _cells;

    private KanoEvaluationTable(string name, KanoCategory[] cells)
    {
        Name = name;
        _cells = cells;
    }

    /// <summary>Gets the table's name.</summary>
    /// <value>"Standard" or "Pouliot".</value>
    public string Name { get; }

    /// <summary>Classifies an answer pair.</summary>
    /// <param name="functional">The answer to the functional question (feature present).</param>
    /// <param name="dysfunctional">The answer to the dysfunctional question (feature absent).</param>
    /// <returns>The category in the table's cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an answer is not a defined <see cref="KanoAnswer"/>.</exception>
    public KanoCategory Classify(KanoAnswer functional, KanoAnswer dysfunctional)
    {
        if (!Enum.IsDefined(functional))
        {
            throw new ArgumentOutOfRangeException(nameof(functional), functional, "The functional answer must be one of the five Kano answers (codes 1–5).");
        }

        if (!Enum.IsDefined(dysfunctional))
        {
            throw new ArgumentOutOfRangeException(nameof(dysfunctional), dysfunctional, "The dysfunctional answer must be one of the five Kano answers (codes 1–5).");
        }

        return _cells[((int)functional - 1) * 5 + ((int)dysfunctional - 1)];
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
