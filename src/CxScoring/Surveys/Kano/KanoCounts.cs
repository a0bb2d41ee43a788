using System.Globalization;

namespace CxScoring.Surveys.Kano;

/// <summary>
/// The counts of Kano categories for one feature and the statistics derived from them: Better/Worse
/// (Berger et al. 1993), the category by mode, by the M &gt; O &gt; A &gt; I rule (Matzler et al. 1996) and by the
/// sum rule (Berger et al. 1993), total and category strength, and Fong's test.
/// </summary>
/// <remarks>
/// Shares are taken of <see cref="Total"/> (all six categories). Ties in a ranking are broken by the
/// hierarchy M &gt; O &gt; A &gt; I &gt; R &gt; Q. The category methods need at least one answer; Better and Worse are
/// <see cref="double.NaN"/> when A + O + M + I = 0. This type is an immutable value and is safe to use from any
/// number of threads.
/// </remarks>
public readonly struct KanoCounts : IEquatable<KanoCounts>
{
    /// <summary>The default threshold of the M &gt; O &gt; A &gt; I rule: 6 % (Matzler et al. 1996).</summary>
    public const double DefaultRuleThreshold = 0.06;

    private static readonly KanoCategory[] Hierarchy =
    [
        KanoCategory.MustBe, KanoCategory.OneDimensional, KanoCategory.Attractive,
        KanoCategory.Indifferent, KanoCategory.Reverse, KanoCategory.Questionable,
    ];

    /// <summary>Initializes a new instance of the <see cref="KanoCounts"/> struct.</summary>
    /// <param name="attractive">The count of A.</param>
    /// <param name="oneDimensional">The count of O.</param>
    /// <param name="mustBe">The count of M.</param>
    /// <param name="indifferent">The count of I.</param>
    /// <param name="reverse">The count of R.</param>
    /// <param name="questionable">The count of Q.</param>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when a count is negative.</exception>
    public KanoCounts(int attractive, int oneDimensional, int mustBe, int indifferent, int reverse = 0, int questionable = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attractive);
        ArgumentOutOfRangeException.ThrowIfNegative(oneDimensional);
        ArgumentOutOfRangeException.ThrowIfNegative(mustBe);
        ArgumentOutOfRangeException.ThrowIfNegative(indifferent);
        ArgumentOutOfRangeException.ThrowIfNegative(reverse);
        ArgumentOutOfRangeException.ThrowIfNegative(questionable);
        Attractive = attractive;
        OneDimensional = oneDimensional;
        MustBe = mustBe;
        Indifferent = indifferent;
        Reverse = reverse;
        Questionable = questionable;
    }

    /// <summary>Gets the count of attractive (A) answers.</summary>
    /// <value>A non-negative count.</value>
    public int Attractive { get; }

    /// <summary>Gets the count of one-dimensional (O) answers.</summary>
    /// <value>A non-negative count.</value>
    public int OneDimensional { get; }

    /// <summary>Gets the count of must-be (M) answers.</summary>
    /// <value>A non-negative count.</value>
    public int MustBe { get; }

    /// <summary>Gets the count of indifferent (I) answers.</summary>
    /// <value>A non-negative count.</value>
    public int Indifferent { get; }

    /// <summary>Gets the count of reverse (R) answers.</summary>
    /// <value>A non-negative count.</value>
    public int Reverse { get; }

    /// <summary>Gets the count of questionable (Q) answers.</summary>
    /// <value>A non-negative count.</value>
    public int Questionable { get; }

    /// <summary>Gets the total number of answers, all six categories.</summary>
    /// <value>A + O + M + I + R + Q.</value>
    public int Total => Attractive + OneDimensional + MustBe + Indifferent + Reverse + Questionable;

    /// <summary>Gets the Better (satisfaction) coefficient (A + O) / (A + O + M + I).</summary>
    /// <value>A number in [0, 1]; <see cref="double.NaN"/> when A + O + M + I = 0.</value>
    public double Better => Ratio(Attractive + OneDimensional, Attractive + OneDimensional + MustBe + Indifferent);

    /// <summary>Gets the Worse (dissatisfaction) coefficient −(O + M) / (A + O + M + I).</summary>
    /// <value>A number in [−1, 0]; <see cref="double.NaN"/> when A + O + M + I = 0.</value>
    public double Worse => -Ratio(OneDimensional + MustBe, Attractive + OneDimensional + MustBe + Indifferent);

    /// <summary>Gets the total strength (A + O + M) / N: the share of respondents who care about the feature.</summary>
    /// <value>A number in [0, 1]; <see cref="double.NaN"/> when no answer was counted.</value>
    public double TotalStrength => Ratio(Attractive + OneDimensional + MustBe, Total);

    /// <summary>Gets the category strength: the share of the most frequent category minus that of the second.</summary>
    /// <value>A number in [0, 1].</value>
    /// <exception cref="InvalidOperationException">Thrown when no answer was counted.</exception>
    public double CategoryStrength
    {
        get
        {
            var (first, second) = TopTwo();
            return (double)(Count(first) - Count(second)) / Total;
        }
    }

    /// <summary>Gets the most frequent category (the mode).</summary>
    /// <value>The mode; ties broken M &gt; O &gt; A &gt; I &gt; R &gt; Q.</value>
    /// <exception cref="InvalidOperationException">Thrown when no answer was counted.</exception>
    public KanoCategory ModeCategory => TopTwo().First;

    /// <summary>Gets the category by the sum rule of Berger et al. (1993): if A + O + M &gt; I + R + Q, the most frequent of A, O, M; otherwise the most frequent of I, R, Q.</summary>
    /// <value>The category; ties broken M &gt; O &gt; A &gt; I &gt; R &gt; Q.</value>
    /// <exception cref="InvalidOperationException">Thrown when no answer was counted.</exception>
    public KanoCategory SumRuleCategory
    {
        get
        {
            ThrowIfEmpty();
            var important = Attractive + OneDimensional + MustBe > Indifferent + Reverse + Questionable;
            var best = important ? KanoCategory.MustBe : KanoCategory.Indifferent;
            foreach (var category in Hierarchy)
            {
                var inGroup = category is KanoCategory.MustBe or KanoCategory.OneDimensional or KanoCategory.Attractive;
                if (inGroup == important && Count(category) > Count(best))
                {
                    best = category;
                }
            }

            return best;
        }
    }

    /// <summary>Creates counts by classifying answer pairs.</summary>
    /// <param name="functional">The functional answers.</param>
    /// <param name="dysfunctional">The dysfunctional answers, in the same respondent order.</param>
    /// <param name="table">The evaluation table.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">Thrown when an argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an answer is not a defined <see cref="KanoAnswer"/> (the message names the respondent).</exception>
    public static KanoCounts Classify(IReadOnlyList<KanoAnswer> functional, IReadOnlyList<KanoAnswer> dysfunctional, KanoEvaluationTable table)
    {
        ArgumentNullException.ThrowIfNull(functional);
        ArgumentNullException.ThrowIfNull(dysfunctional);
        ArgumentNullException.ThrowIfNull(table);
        if (functional.Count != dysfunctional.Count)
        {
            SurveyThrow.Argument(nameof(dysfunctional), string.Create(CultureInfo.InvariantCulture, $"There are {functional.Count} functional but {dysfunctional.Count} dysfunctional answers; they must pair up."));
        }

        Span<int> counts = stackalloc int[6];
        for (var r = 0; r < functional.Count; r++)
        {
            if (!Enum.IsDefined(functional[r]))
            {
                SurveyThrow.AnswerOutOfRange(nameof(functional), r, "functional answer", (int)functional[r], 1, 5);
            }

            if (!Enum.IsDefined(dysfunctional[r]))
            {
                SurveyThrow.AnswerOutOfRange(nameof(dysfunctional), r, "dysfunctional answer", (int)dysfunctional[r], 1, 5);
            }

            counts[(int)table.Classify(functional[r], dysfunctional[r])]++;
        }

        return new KanoCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /// <summary>Gets the count of one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>Its count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="category"/> is not a defined <see cref="KanoCategory"/>.</exception>
    public int Count(KanoCategory category) => category switch
    {
        KanoCategory.Attractive => Attractive,
        KanoCategory.OneDimensional => OneDimensional,
        KanoCategory.MustBe => MustBe,
        KanoCategory.Indifferent => Indifferent,
        KanoCategory.Reverse => Reverse,
        KanoCategory.Questionable => Questionable,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown Kano category."),
    };

    /// <summary>Gets the share of one category among all answers.</summary>
    /// <param name="category">The category.</param>
    /// <returns>Its count divided by <see cref="Total"/>; <see cref="double.NaN"/> when no answer was counted.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="category"/> is not a defined <see cref="KanoCategory"/>.</exception>
    public double Share(KanoCategory category) => Ratio(Count(category), Total);

    /// <summary>
    /// Gets the category by the M &gt; O &gt; A &gt; I rule (Matzler et al. 1996): when the shares of the two most
    /// frequent categories differ by no more than <paramref name="threshold"/>, the one earlier in
    /// M &gt; O &gt; A &gt; I (then R, Q) wins; otherwise the mode.
    /// </summary>
    /// <param name="threshold">The largest share difference treated as a tie, as a fraction; 0.06 (6 %) by default.</param>
    /// <returns>The category.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="threshold"/> is outside [0, 1].</exception>
    /// <exception cref="InvalidOperationException">Thrown when no answer was counted.</exception>
    public KanoCategory RuleCategory(double threshold = DefaultRuleThreshold)
    {
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a share and must lie in [0, 1].");
        }

        var (first, second) = TopTwo();
        if ((double)(Count(first) - Count(second)) / Total > threshold)
        {
            return first;
        }

        return Array.IndexOf(Hierarchy, first) < Array.IndexOf(Hierarchy, second) ? first : second;
    }

    /// <summary>Runs Fong's (1996) test on the two most frequent categories.</summary>
    /// <returns>The test result.</returns>
    /// <exception cref="InvalidOperationException">Thrown when no answer was counted.</exception>
    public KanoFongTest FongTest()
    {
        var (first, second) = TopTwo();
        return new KanoFongTest(first, second, Count(first), Count(second), Total);
    }

    /// <summary>Adds two sets of counts, for example from two survey waves.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The summed counts.</returns>
    public KanoCounts Add(KanoCounts other)
        => new(
            Attractive + other.Attractive,
            OneDimensional + other.OneDimensional,
            MustBe + other.MustBe,
            Indifferent + other.Indifferent,
            Reverse + other.Reverse,
            Questionable + other.Questionable);

    /// <inheritdoc/>
    public bool Equals(KanoCounts other)
        => Attractive == other.Attractive && OneDimensional == other.OneDimensional && MustBe == other.MustBe
            && Indifferent == other.Indifferent && Reverse == other.Reverse && Questionable == other.Questionable;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KanoCounts other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Attractive, OneDimensional, MustBe, Indifferent, Reverse, Questionable);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"A {Attractive}, O {OneDimensional}, M {MustBe}, I {Indifferent}, R {Reverse}, Q {Questionable}");

    /// <summary>Determines whether two sets of counts are equal.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns><see langword="true"/> when every count is equal.</returns>
    public static bool operator ==(KanoCounts left, KanoCounts right) => left.Equals(right);

    /// <summary>Determines whether two sets of counts differ.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns><see langword="true"/> when any count differs.</returns>
    public static bool operator !=(KanoCounts left, KanoCounts right) => !left.Equals(right);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    private (KanoCategory First, KanoCategory Second) TopTwo()
    {
        ThrowIfEmpty();
        KanoCategory first = Hierarchy[0], second = Hierarchy[1];
        if (Count(second) > Count(first))
        {
            (first, second) = (second, first);
        }

        for (var i = 2; i < Hierarchy.Length; i++)
        {
            var c = Hierarchy[i];
            if (Count(c) > Count(first))
            {
                second = first;
                first = c;
            }
            else if (Count(c) > Count(second))
            {
                second = c;
            }
        }

        return (first, second);
    }

    private void ThrowIfEmpty()
    {
        if (Total == 0)
        {
            throw new InvalidOperationException("No Kano answer was counted; a category cannot be determined.");
        }
    }
}
