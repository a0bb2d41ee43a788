using System.Globalization;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// One bound of a zone of tolerance, stated either absolutely (adequate = 72 h) or relative to the promise, as
/// the customer's reading of it (adequate = promised + 2 h).
/// </summary>
/// <remarks>This type is an immutable value and is safe to use from any number of threads.</remarks>
public readonly struct ExpectationLevel : IEquatable<ExpectationLevel>
{
    private ExpectationLevel(double value, bool isRelative)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An expectation level must be a finite number.");
        }

        Value = value;
        IsRelativeToPromise = isRelative;
    }

    /// <summary>Gets the level (absolute) or the offset from the promised level (relative), in the measure's unit.</summary>
    public double Value { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> is an offset from the promised level.</summary>
    public bool IsRelativeToPromise { get; }

    /// <summary>Creates an absolute level.</summary>
    /// <param name="value">The level, in the measure's unit.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="value"/> is not finite.</exception>
    public static ExpectationLevel Absolute(double value) => new(value, false);

    /// <summary>Creates an absolute level for a time measure.</summary>
    /// <param name="value">The level.</param>
    /// <returns>The level.</returns>
    public static ExpectationLevel Absolute(Duration value) => new(Measure.ToSeconds(value), false);

    /// <summary>Creates a level relative to the promised level.</summary>
    /// <param name="offset">The offset added to the promised level, in the measure's unit (0 = exactly as promised).</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when <paramref name="offset"/> is not finite.</exception>
    public static ExpectationLevel RelativeToPromise(double offset) => new(offset, true);

    /// <summary>Creates a level relative to the promised level of a time measure.</summary>
    /// <param name="offset">The offset added to the promised level (for example two hours later than promised).</param>
    /// <returns>The level.</returns>
    public static ExpectationLevel RelativeToPromise(Duration offset) => new(Measure.ToSeconds(offset), true);

    /// <summary>Gets the level exactly as promised (a relative level with offset 0).</summary>
    public static ExpectationLevel AsPromised => new(0, true);

    /// <summary>Resolves the level against a promised level.</summary>
    /// <param name="promised">The promised level, in the measure's unit.</param>
    /// <returns>The absolute level.</returns>
    public double Resolve(double promised) => IsRelativeToPromise ? promised + Value : Value;

    /// <inheritdoc/>
    public bool Equals(ExpectationLevel other) => Value.Equals(other.Value) && IsRelativeToPromise == other.IsRelativeToPromise;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ExpectationLevel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, IsRelativeToPromise);

    /// <inheritdoc/>
    public override string ToString()
        => IsRelativeToPromise
            ? string.Create(CultureInfo.InvariantCulture, $"promised {(Value < 0 ? "-" : "+")} {Math.Abs(Value)}")
            : Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Determines whether two levels are the same.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when both value and kind are equal.</returns>
    public static bool operator ==(ExpectationLevel left, ExpectationLevel right) => left.Equals(right);

    /// <summary>Determines whether two levels differ.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when value or kind differ.</returns>
    public static bool operator !=(ExpectationLevel left, ExpectationLevel right) => !left.Equals(right);
}
