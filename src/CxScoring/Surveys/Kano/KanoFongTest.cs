using System.Globalization;

namespace CxScoring.Surveys.Kano;

/// <summary>
/// Fong's (1996) test of whether the two most frequent Kano categories differ significantly:
/// |a − b| &lt; 1.65·√((a + b)(2n − a − b) / (2n)) means the difference is not significant (α ≈ 0.1).
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct KanoFongTest : IEquatable<KanoFongTest>
{
    internal KanoFongTest(KanoCategory first, KanoCategory second, int firstCount, int secondCount, int total)
    {
        First = first;
        Second = second;
        Difference = Math.Abs(firstCount - secondCount);
        CriticalValue = 1.65 * Math.Sqrt((double)(firstCount + secondCount) * ((2.0 * total) - firstCount - secondCount) / (2.0 * total));
    }

    /// <summary>Gets the most frequent category.</summary>
    /// <value>The category with the highest count (ties broken M &gt; O &gt; A &gt; I &gt; R &gt; Q).</value>
    public KanoCategory First { get; }

    /// <summary>Gets the second most frequent category.</summary>
    /// <value>The runner-up category.</value>
    public KanoCategory Second { get; }

    /// <summary>Gets the absolute difference |a − b| of the two counts.</summary>
    /// <value>A non-negative count.</value>
    public int Difference { get; }

    /// <summary>Gets the critical value 1.65·√((a + b)(2n − a − b) / (2n)).</summary>
    /// <value>A non-negative number.</value>
    public double CriticalValue { get; }

    /// <summary>Gets a value indicating whether the two categories differ significantly (|a − b| ≥ the critical value).</summary>
    /// <value><see langword="false"/> when the classification is not clear-cut.</value>
    public bool IsSignificant => Difference >= CriticalValue;

    /// <inheritdoc/>
    public bool Equals(KanoFongTest other)
        => First == other.First && Second == other.Second && Difference == other.Difference && CriticalValue.Equals(other.CriticalValue);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KanoFongTest other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(First, Second, Difference, CriticalValue);

    /// <inheritdoc/>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{First} vs {Second}: |a−b| = {Difference}, critical {CriticalValue:0.##} → {(IsSignificant ? "significant" : "not significant")}");

    /// <summary>Determines whether two test results are equal.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when all members are equal.</returns>
    public static bool operator ==(KanoFongTest left, KanoFongTest right) => left.Equals(right);

    /// <summary>Determines whether two test results differ.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when any member differs.</returns>
    public static bool operator !=(KanoFongTest left, KanoFongTest right) => !left.Equals(right);
}
